"""Zulip's own Python client (`zulip` on PyPI) against the simulator, as a bot's script
would use a real server: the client reads GET /server_settings when it is made, then
asks for presence and users with HTTP Basic auth.

    tools/python/bin/python tests/e2e/python_client.py target/release/presence-sim

Starts the simulator on a free loopback port and stops it at the end, pass or fail.
"""

import socket
import subprocess
import sys
import time
import unittest
import urllib.request

import zulip

SIM = sys.argv.pop(1) if len(sys.argv) > 1 else "target/release/presence-sim"
EMAIL = "roster-bot@zulip.example"
KEY = "py0client0check0key0000000000000"
USERS = 40


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ZulipPythonClient(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        port = free_port()
        cls.site = f"http://127.0.0.1:{port}"
        cls.sim = subprocess.Popen(
            [SIM, "--users", str(USERS), "--listen", f"127.0.0.1:{port}"],
            env={"SIM_EMAIL": EMAIL, "SIM_API_KEY": KEY},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"{cls.site}/_sim/stats", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline or cls.sim.poll() is not None:
                    cls.sim.kill()
                    raise
                time.sleep(0.1)
        cls.client = zulip.Client(email=EMAIL, api_key=KEY, site=cls.site)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.sim.terminate()
        try:
            cls.sim.wait(timeout=5)
        except subprocess.TimeoutExpired:
            cls.sim.kill()

    def test_the_client_reads_the_servers_version_when_it_is_made(self) -> None:
        self.assertEqual(self.client.zulip_version, "8.4")
        self.assertEqual(self.client.feature_level, 237)

    def test_get_realm_presence_lists_everyone(self) -> None:
        answer = self.client.get_realm_presence()
        self.assertEqual(answer["result"], "success", answer)
        self.assertEqual(len(answer["presences"]), USERS)
        self.assertIsInstance(answer["server_timestamp"], float)

    def test_get_members_names_everyone_and_the_bot(self) -> None:
        answer = self.client.get_members()
        self.assertEqual(answer["result"], "success", answer)
        bots = [m for m in answer["members"] if m["is_bot"]]
        self.assertEqual(len(answer["members"]), USERS + 1)
        self.assertEqual([b["email"] for b in bots], [EMAIL])

    def test_a_wrong_key_is_zulips_invalid_api_key(self) -> None:
        wrong = zulip.Client(email=EMAIL, api_key="wrong", site=self.site)
        answer = wrong.get_realm_presence()
        self.assertEqual((answer["result"], answer.get("code")), ("error", "INVALID_API_KEY"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
