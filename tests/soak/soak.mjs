// The soak (scripts/soak.sh builds what it needs, then runs this; not part of the test
// command): the release widget in headless Chromium against the simulator, through a
// small proxy here that holds the key and injects faults, for POLLS polls (default
// 1,000) at a fast refresh, then destroyed. It reports JS heap and wasm memory (live
// bytes, and the memory's size) at poll 100 and at the end (growth of what is alive must
// stay ≤ 2%), the timers and event listeners the widget
// left behind after destroy (must be 0), and page errors and panics (must be none).
// Writes target/soak/results.json; exits non-zero when a limit is broken.
import { spawn } from "node:child_process";
import { createServer, request } from "node:http";
import { createServer as netServer } from "node:net";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { launchChromium } from "../chromium.mjs";


const ROOT = resolve(new URL("../..", import.meta.url).pathname);
// The release build with the `soak` feature (exports and a live-bytes count only).
const DIST = join(ROOT, "target/soak/dist");
const POLLS = Number(process.env.POLLS ?? 1000);
const USERS = Number(process.env.USERS ?? 1000);
// The simulator's demo credentials: the proxy adds them, the browser never sees them.
const AUTH = "Basic " + Buffer.from("roster-bot@zulip.example:roster0demo0key0not0a0secret0000").toString("base64");
const core = readdirSync(DIST).find((f) => /^zulip-roster-[0-9a-f]+\.js$/.test(f));
const coreWasm = readdirSync(DIST).find((f) => f.endsWith("_bg.wasm"));

const freePort = () => new Promise((ok) => {
  const s = netServer().listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => ok(port)); });
});
const until = async (what, check, ms = 20000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

// The simulator, with enough people that statuses change during the run.
const simPort = await freePort();
const sim = spawn(join(ROOT, "target/release/presence-sim"), ["--users", String(USERS), "--seed", "7", "--listen", `127.0.0.1:${simPort}`],
  { stdio: ["ignore", "ignore", "inherit"] });
const stopSim = () => { try { sim.kill(); } catch { /* gone */ } };
process.on("exit", stopSim);

// Every 25th presence request fails, in turn, each way a proxy fails.
const FAULTS = ["502", "429", "truncated", "reset", "slow"];
let served = 0;
const faults = Object.fromEntries(FAULTS.map((f) => [f, 0]));
const server = createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  if (url.pathname.startsWith("/api/v1/")) {
    const presence = url.pathname === "/api/v1/realm/presence";
    const n = presence ? ++served : 0;
    const fault = presence && n % 25 === 0 ? FAULTS[(n / 25) % FAULTS.length] : null;
    const done = () => { if (presence) answered = n; };
    if (fault) faults[fault]++;
    if (fault === "502") { res.writeHead(502, { "content-type": "text/html" }); res.end("<html><title>502 Bad Gateway</title></html>"); return done(); }
    if (fault === "429") {
      res.writeHead(429, { "content-type": "application/json", "retry-after": "1" });
      res.end('{"result":"error","msg":"API usage exceeded rate limit","code":"RATE_LIMIT_HIT","retry-after":1}');
      return done();
    }
    if (fault === "reset") { req.socket.destroy(); return done(); }
    const upstream = request({ host: "127.0.0.1", port: simPort, path: req.url, method: "GET", headers: { authorization: AUTH } }, (up) => {
      const chunks = [];
      up.on("data", (c) => chunks.push(c));
      up.on("end", () => {
        let body = Buffer.concat(chunks);
        if (fault === "truncated") body = body.subarray(0, body.length >> 1);
        const send = () => { res.writeHead(up.statusCode, { "content-type": "application/json", "cache-control": "no-store" }); res.end(body); done(); };
        if (fault === "slow") setTimeout(send, 300); else send();
      });
    });
    upstream.on("error", () => { res.writeHead(502).end(); done(); });
    return upstream.end();
  }
  if (url.pathname === "/") {
    res.writeHead(200, { "content-type": "text/html" });
    return res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>soak</title></head><body>
<div id="host"></div>
<script type="module">
import init, * as core from "/dist/${core}";
window.wasm = await init({ module_or_path: "/dist/${coreWasm}" });
window.core = core;
window.ready = true;
</script></body></html>`);
  }
  const types = { ".js": "text/javascript", ".wasm": "application/wasm" };
  try {
    const file = join(DIST, url.pathname.replace(/^\/dist\//, ""));
    const body = readFileSync(file);
    res.writeHead(200, { "content-type": types[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
let answered = 0;
const port = await freePort();
await new Promise((r) => server.listen(port, "127.0.0.1", r));
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  const ok = await new Promise((r) => request({ host: "127.0.0.1", port: simPort, path: "/api/v1/realm/presence", headers: { authorization: AUTH } },
    (res) => { res.resume(); r(res.statusCode === 200); }).on("error", () => r(false)).end());
  if (ok) break;
  if (i > 200) throw new Error("the simulator did not start");
  await new Promise((r) => setTimeout(r, 50));
}

// V8's optimizing tiers off by default: the code they make while the page warms up
// (about 100 kB between poll 100 and 1,000, in heap snapshots) is counted in the JS heap
// and would read as growth. Nothing of the widget's runs differently without them.
// SOAK_JIT=1 keeps them on.
const JS_FLAGS = process.env.SOAK_JIT ? "--js-flags=--expose-gc" : "--js-flags=--expose-gc --no-opt --no-maglev --no-sparkplug";
const browser = await launchChromium(["--enable-precise-memory-info", JS_FLAGS]);
const page = await browser.newPage();
const widgetErrors = [];
const networkErrors = [];
page.on("console", (m) => {
  if (m.type() !== "error") return;
  // Chromium logs every failed request itself; those are the injected faults.
  if (/^Failed to load resource|net::ERR_/.test(m.text())) networkErrors.push(m.text());
  else widgetErrors.push(m.text());
});
page.on("pageerror", (e) => widgetErrors.push(`uncaught: ${e.message}`));
// Before anything loads: count live timers and event listeners, by who made them.
await page.addInitScript(() => {
  const live = { timers: new Map(), listeners: new Set(), mark: 0, next: 1 };
  window.__soak = live;
  const [st, ct, si, ci] = [window.setTimeout, window.clearTimeout, window.setInterval, window.clearInterval];
  window.setTimeout = function (fn, ms, ...args) {
    let id;
    const run = typeof fn === "function" ? function (...a) { live.timers.delete(id); return fn.apply(this, a); } : fn;
    id = st.call(window, run, ms, ...args);
    live.timers.set(id, live.next++);
    return id;
  };
  window.clearTimeout = (id) => { live.timers.delete(id); return ct.call(window, id); };
  window.setInterval = function (fn, ms, ...args) { const id = si.call(window, fn, ms, ...args); live.timers.set(id, live.next++); return id; };
  window.clearInterval = (id) => { live.timers.delete(id); return ci.call(window, id); };
  const [add, remove] = [EventTarget.prototype.addEventListener, EventTarget.prototype.removeEventListener];
  const capture = (o) => (typeof o === "boolean" ? o : !!o?.capture);
  EventTarget.prototype.addEventListener = function (type, fn, options) {
    if (fn && ![...live.listeners].some((l) => l.target === this && l.type === type && l.fn === fn && l.capture === capture(options))) {
      live.listeners.add({ target: this, type, fn, capture: capture(options), at: live.next++, once: !!options?.once });
    }
    return add.call(this, type, fn, options);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, options) {
    for (const l of live.listeners) if (l.target === this && l.type === type && l.fn === fn && l.capture === capture(options)) live.listeners.delete(l);
    return remove.call(this, type, fn, options);
  };
  // A listener on an element no longer in the document goes with the element; one on
  // the window, the document, a connected element or a non-element (a media query, a
  // signal) keeps its closure, and so the widget's memory, alive: that is a leak.
  const holds = (t) => !(t instanceof Node) || t === document || t.isConnected;
  live.since = (mark) => ({
    timers: [...live.timers.values()].filter((at) => at > mark).length,
    listeners: [...live.listeners].filter((l) => l.at > mark && !l.once && holds(l.target))
      .map((l) => `${l.target?.constructor?.name}:${l.type}`),
  });
});
await page.goto(base);
await page.waitForFunction(() => window.ready === true);

// Several full collections, tasks apart: V8 also drops compiled code and caches it has
// not used for a few collections, which one collection alone would leave counted. The
// DOM counters say whether nodes or listeners pile up, apart from the heap's size.
const cdp = await page.context().newCDPSession(page);
const memory = async () => {
  const m = await page.evaluate(async () => {
    for (let i = 0; i < 6; i++) {
      window.gc();
      await new Promise((r) => setTimeout(r, 20));
    }
    return { js_heap: performance.memory.usedJSHeapSize, wasm_live: core.__liveBytes(), wasm_memory: wasm.memory.buffer.byteLength };
  });
  const { nodes, jsEventListeners } = await cdp.send("Memory.getDOMCounters");
  return { ...m, dom_nodes: nodes, js_event_listeners: jsEventListeners };
};
const mark = await page.evaluate(() => {
  window.changes = 0;
  window.errors = 0;
  const host = document.getElementById("host");
  host.addEventListener("roster-change", () => changes++);
  host.addEventListener("roster-error", () => errors++);
  // What the widget makes from here on is counted; the soak's own listeners are not.
  const mark = __soak.next;
  window.handle = core.mount(host, { proxy: "/api/v1", refresh: 1, timeout: 2 });
  return mark;
});
// After an answer: its parse, build and render (three tasks) are done.
const settle = () => page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
await until("the first roster", () => answered >= 1);
const started = Date.now();
// HEAP_DIFF=1: heap snapshots at poll 100 and at the end, summed by kind of object, to
// say what grew (slow: each snapshot takes seconds).
const heapByKind = async () => {
  let json = "";
  const collect = ({ chunk }) => { json += chunk; };
  cdp.on("HeapProfiler.addHeapSnapshotChunk", collect);
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  cdp.off("HeapProfiler.addHeapSnapshotChunk", collect);
  const snap = JSON.parse(json);
  const f = snap.snapshot.meta.node_fields, types = snap.snapshot.meta.node_types[0];
  const [ti, ni, si, width] = [f.indexOf("type"), f.indexOf("name"), f.indexOf("self_size"), f.length];
  const kinds = new Map();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + ti]];
    const name = type === "string" || type === "concatenated string" ? "(strings)" : type === "code" ? "(code)" : `${type}:${snap.strings[snap.nodes[i + ni]]}`.slice(0, 60);
    const k = kinds.get(name) ?? { count: 0, bytes: 0 };
    k.count++; k.bytes += snap.nodes[i + si];
    kinds.set(name, k);
  }
  return kinds;
};
let heap100;
let at100;
// Every 100 polls, to tell a leak (steady growth) from a heap settling at its high-water
// mark (a step or two, then flat).
const series = [];
for (let i = 2; i <= POLLS; i++) {
  const before = answered;
  await page.evaluate(() => handle.refresh());
  await until(`poll ${i}`, () => answered > before);
  if (i % 100 === 0) {
    await settle();
    const m = await memory();
    series.push({ poll: i, ...m });
    if (i === 100) {
      at100 = m;
      if (process.env.HEAP_DIFF) heap100 = await heapByKind();
    }
  }
}
await settle();
const atEnd = await memory();
let heapGrowth;
if (process.env.HEAP_DIFF) {
  const end = await heapByKind();
  heapGrowth = [...end].map(([kind, e]) => ({ kind, bytes: e.bytes - (heap100.get(kind)?.bytes ?? 0), count: e.count - (heap100.get(kind)?.count ?? 0) }))
    .sort((a, b) => b.bytes - a.bytes).slice(0, 15);
}
const state = await page.evaluate(() => ({ state: document.getElementById("host").dataset.state, changes, errors,
  rows: document.getElementById("host").shadowRoot.querySelectorAll("li[part~=row]").length }));
const left = await page.evaluate(async (mark) => {
  handle.destroy();
  handle.free();
  await new Promise((r) => setTimeout(r, 200));
  return __soak.since(mark);
}, mark);
const seconds = (Date.now() - started) / 1000;
await browser.close();
server.close();
stopSim();

// What is alive: the JS heap and the wasm allocator's live bytes. The wasm memory's size
// is reported too, but it is a high-water mark (it never shrinks), not a leak measure.
const total = (m) => m.js_heap + m.wasm_live;
const results = {
  polls: POLLS, users: USERS, seconds: +seconds.toFixed(1), v8_flags: JS_FLAGS.slice("--js-flags=".length), faults_injected: faults,
  roster_change_events: state.changes, roster_error_events: state.errors, state_before_destroy: state.state, rows: state.rows,
  memory_at_100: at100, memory_at_end: atEnd, memory_every_100_polls: series, heap_growth_by_kind: heapGrowth, growth: +(total(atEnd) / total(at100) - 1).toFixed(4),
  timers_left: left.timers, listeners_left: left.listeners.length, listeners_left_detail: left.listeners,
  widget_errors: widgetErrors, network_errors_logged_by_chromium: networkErrors.length,
};
mkdirSync(join(ROOT, "target/soak"), { recursive: true });
writeFileSync(join(ROOT, "target/soak/results.json"), JSON.stringify(results, null, 2) + "\n");
console.log(JSON.stringify(results, null, 2));
const broken = [];
if (results.growth > 0.02) broken.push(`memory grew ${(results.growth * 100).toFixed(1)}% from poll 100 to ${POLLS}`);
if (results.timers_left) broken.push(`${results.timers_left} timers left after destroy`);
if (results.listeners_left) broken.push(`${results.listeners_left} listeners left after destroy: ${left.listeners.join(", ")}`);
if (widgetErrors.length) broken.push(`${widgetErrors.length} errors or panics: ${widgetErrors.slice(0, 3).join(" | ")}`);
if (broken.length) {
  console.error(`soak failed:\n- ${broken.join("\n- ")}`);
  process.exit(1);
}
console.log(`soak passed: ${POLLS} polls in ${results.seconds} s, memory ${(results.growth * 100).toFixed(2)}% from poll 100, nothing left after destroy`);
