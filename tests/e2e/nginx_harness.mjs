// The reference nginx (deploy/nginx) rendered into a temporary folder and run as an
// unprivileged user on loopback, in front of whatever plays the Zulip server. Shared by
// the end-to-end suite (the simulator as Zulip) and the adversarial one (a hostile Zulip).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { request } from "node:http";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(new URL("../..", import.meta.url).pathname);
export const PREFIX = "/zulip-roster";
const NGINX = process.env.NGINX ?? (existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx");

const NJS = "/usr/lib/nginx/modules/ngx_http_js_module.so";
const BROTLI_STATIC = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const freePort = () => 20000 + Math.floor(Math.random() * 20000);

/** The simulator's release build (scripts/test.sh builds it). */
export const SIM = join(ROOT, "target/release/presence-sim");

/**
 * Starts the simulator as a self-hosted Zulip on `port` with `users` people (`seed`),
 * requiring `email`:`key` as Basic auth: relative uploaded and default avatars, Gravatar
 * (unreachable here, as from an intranet without Internet), bots, guests, deactivated
 * members, members without presence, presence for accounts /users does not list.
 * `args` go on to the simulator (`--fixture FILE` serves that file as presence).
 * Returns the child process; [`stopChildren`] ends it.
 */
export function startSimulator({ port, users, seed, email, key, args = [] }) {
  return spawn(SIM, ["--users", String(users), "--seed", String(seed), "--self-hosted", "--listen", `127.0.0.1:${port}`, ...args], {
    env: { ...process.env, SIM_EMAIL: email, SIM_API_KEY: key },
    stdio: "ignore",
  });
}

/** Stops `children` by PID: SIGTERM, then SIGKILL for any still running. */
export async function stopChildren(children) {
  for (const child of children) child.kill("SIGTERM");
  await sleep(300);
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
}

/**
 * GET `url` saying exactly which encodings it takes (`encoding`, an Accept-Encoding value,
 * or none at all): the status, the headers and the body's bytes as sent (fetch() would
 * decompress them).
 */
export function getAsSent(url, encoding) {
  return new Promise((resolve, reject) => {
    request(url, { headers: encoding === undefined ? {} : { "Accept-Encoding": encoding } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject).end();
  });
}

/** Polls `predicate` until it holds, for up to `ms`. */
export async function waitFor(what, predicate, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if (await predicate()) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Renders and starts the reference nginx in front of `zulipUrl`, holding `basic` (the
 * base64 of "email:key") as the bot's credentials. `pages` are extra files for the web
 * root ({ "e2e/embed.html": "…" }); `presenceTtl` is in seconds, `usersTtl` as nginx
 * writes it; `privacy` and `optOut` (lines of an opt-out file) are render.sh's PRIVACY and
 * OPT_OUT_FILE (`optOutText`: the file's exact bytes instead), `allowOrigins` its
 * ALLOW_ORIGINS; `deployDir` the folder of render.sh and its templates (a release
 * archive's nginx/); `host` "intranet" (an intranet's server block that includes
 * server.conf) or "zulip" (Zulip's own nginx, as its puppet writes it, with the
 * recipe's two one-line files in conf.d/ and zulip-include/app.d/). Returns where it listens,
 * the socket of its key-holding server, what render.sh said (`rendered`), `rerender()`
 * and `stop()`.
 */
export async function startNginx({ zulipUrl, basic, presenceTtl, usersTtl = "10m", pages = {}, dist = join(ROOT, "dist"), privacy = "full", optOut = [], optOutText, allowOrigins = "", deployDir = join(ROOT, "deploy/nginx"), host = "intranet" }) {
  const tmp = mkdtempSync(join(tmpdir(), "zulip-roster-nginx-"));
  chmodSync(tmp, 0o755);
  for (const dir of ["www", "conf", "secrets", "cache", "logs", "temp", "shim"]) mkdirSync(join(tmp, dir));
  // The key-holding server's socket lives in a folder only nginx's user may enter.
  chmodSync(join(tmp, "shim"), 0o700);
  if (existsSync(dist)) cpSync(dist, join(tmp, "www", "zulip-roster"), { recursive: true });
  for (const [path, text] of Object.entries(pages)) {
    mkdirSync(join(tmp, "www", path, ".."), { recursive: true });
    writeFileSync(join(tmp, "www", path), text);
  }
  // The key lives outside the web root.
  writeFileSync(join(tmp, "secrets", "zulip-auth.conf"), `proxy_set_header Authorization "Basic ${basic}";\n`);
  // The deployment's opt-out list, as an admin writes it (render.sh's OPT_OUT_FILE).
  const optOutFile = join(tmp, "secrets", "opt-out.txt");
  const port = freePort();
  const socket = join(tmp, "shim", "shim.sock");
  /** Renders the templates into conf/ with `privacy` and the opt-out list; what it said. */
  const render = (privacy, optOut, optOutText) => {
    const listed = optOutText !== undefined || optOut.length > 0;
    writeFileSync(optOutFile, optOutText ?? `# asked not to appear\n${optOut.join("\n")}\n`);
    const run = spawnSync(join(deployDir, "render.sh"), {
      env: {
        ...process.env,
        PREFIX, DIST_DIR: join(tmp, "www", "zulip-roster"), ZULIP_URL: zulipUrl,
        AUTH_FILE: join(tmp, "secrets", "zulip-auth.conf"), OUT_DIR: join(tmp, "conf"),
        CACHE_DIR: join(tmp, "cache"), PRESENCE_TTL: `${presenceTtl}s`, USERS_TTL: usersTtl, SHIM_SOCKET: socket,
        PRIVACY: privacy, OPT_OUT_FILE: listed ? optOutFile : "", ALLOW_ORIGINS: allowOrigins,
      },
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`render.sh failed: ${run.stderr}`);
    return run.stderr;
  };
  const rendered = render(privacy, optOut, optOutText);
  const temp = (name) => join(tmp, "temp", name);
  // Debian's nginx loads its modules from /etc/nginx/modules-enabled; this nginx.conf is
  // the test's own, so it loads the modules the configuration uses itself (njs for the
  // privacy module, brotli_static for the precompressed files).
  const loadJs = [NJS, BROTLI_STATIC].filter((module) => existsSync(module)).map((module) => `load_module ${module};`).join("\n");
  const intranet = `
  include ${join(tmp, "conf", "http.conf")};
  # As deploy/nginx/README.md advises: a default server refuses every Host name but the
  # intranet's own (a DNS-rebinding page reaches nothing).
  server {
    listen 127.0.0.1:${port} default_server;
    return 444;
  }
  server {
    listen 127.0.0.1:${port};
    server_name 127.0.0.1 localhost;
    root ${join(tmp, "www")};
    include ${join(tmp, "conf", "server.conf")};
    location / {
      types { text/html html; text/javascript js; }
      include ${join(tmp, "conf", "security-headers.conf")};
    }
  }`;
  // Zulip's own nginx (puppet/zulip/templates/nginx.conf.template.erb and
  // nginx/zulip-enterprise.template.erb): gzip for its own answers at the http level,
  // conf.d/*.conf included there, and its server block ending with
  // zulip-include/app.d/*.conf; Django is played by a fixed answer. The recipe adds one
  // line to each folder (deploy/nginx/README.md, "On the Zulip server itself").
  const zulip = `
  gzip on;
  gzip_proxied any;
  gzip_types application/javascript application/json application/xml application/x-javascript image/svg+xml text/css text/javascript text/plain;
  gzip_vary on;
  include ${join(tmp, "etc-nginx", "conf.d")}/*.conf;
  server {
    listen 127.0.0.1:${port};
    server_name 127.0.0.1 localhost;
    location / {
      default_type text/plain;
      return 200 "Zulip's own app\n";
    }
    include ${join(tmp, "etc-nginx", "zulip-include", "app.d")}/*.conf;
  }`;
  if (host === "zulip") {
    mkdirSync(join(tmp, "etc-nginx", "conf.d"), { recursive: true });
    mkdirSync(join(tmp, "etc-nginx", "zulip-include", "app.d"), { recursive: true });
    writeFileSync(join(tmp, "etc-nginx", "conf.d", "zulip-roster.conf"), `include ${join(tmp, "conf", "http.conf")};\n`);
    writeFileSync(join(tmp, "etc-nginx", "zulip-include", "app.d", "zulip-roster.conf"), `include ${join(tmp, "conf", "server.conf")};\n`);
  }
  writeFileSync(join(tmp, "conf", "nginx.conf"), `
${loadJs}
worker_processes 1;
daemon off;
pid ${join(tmp, "nginx.pid")};
error_log ${join(tmp, "logs", "error.log")} warn;
events { worker_connections 1024; }
http {
  access_log ${join(tmp, "logs", "access.log")};
  client_body_temp_path ${temp("body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};
${host === "zulip" ? zulip : intranet}
}
`);
  // Unprivileged: as root, drop to nobody for the whole nginx (master included).
  const asRoot = process.getuid?.() === 0;
  const chownTree = (path) => {
    chownSync(path, 65534, 65534);
    if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) chownTree(join(path, entry));
  };
  if (asRoot) chownTree(tmp);
  const asNobody = (cmd, args) => (asRoot ? ["setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", cmd, ...args]] : [cmd, args]);
  const conf = ["-p", tmp, "-c", join(tmp, "conf", "nginx.conf")];
  const [cmd, args] = asNobody(NGINX, conf);
  const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  await waitFor("nginx", async () => (await fetch(`${base}/`)).status > 0);
  return {
    base,
    socket,
    tmp,
    rendered,
    version: (spawnSync(NGINX, ["-v"], { encoding: "utf8" }).stderr ?? "").trim(),
    /**
     * Renders again with another setting into the same folders (the same cache) and
     * reloads nginx, as an admin changing the setting does; resolves once every worker
     * is one the reload started (the old ones have left).
     */
    async rerender({ privacy: next = "full", optOut: nextOut = [], optOutText: nextText } = {}) {
      const said = render(next, nextOut, nextText);
      if (asRoot) chownTree(join(tmp, "conf"));
      const workers = () => readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
      const old = workers();
      child.kill("SIGHUP");
      await waitFor("the reload", () => {
        const now = workers();
        return now.length > 0 && now.every((pid) => !old.includes(pid));
      });
      return said;
    },
    /** `nginx -t` on the rendered configuration; throws when it refuses it. */
    check() {
      const [testCmd, testArgs] = asNobody(NGINX, ["-t", ...conf]);
      execFileSync(testCmd, testArgs, { stdio: ["ignore", "pipe", "pipe"] });
    },
    async stop() {
      child.kill("SIGTERM");
      await sleep(300);
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
