// The benchmark (scripts/bench.sh builds what it needs, then runs this). Widget and a
// vanilla-JS baseline run in the same page and run, alternating, PAIRS pairs each; the
// result is the median of the per-pair ratios. Writes target/bench/results.json and
// BENCHMARKS.md. Not a test: nothing here passes or fails.
import { createServer } from "node:http";
import { brotliCompressSync, constants } from "node:zlib";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { launchChromium } from "../chromium.mjs";


const ROOT = resolve(new URL("../..", import.meta.url).pathname);
const BENCH = join(ROOT, "target/bench");
const DIST = join(BENCH, "dist");
const PAIRS = Number(process.env.PAIRS ?? 15);
// ONLY=M3,M4 runs some measures while working on them; only a full run writes the files.
const ONLY = process.env.ONLY?.split(",");
const want = (m) => !ONLY || ONLY.includes(m);
// SIZES=s10k narrows M8 and the startup profile to some sizes while working on them.
const SIZES = process.env.SIZES?.split(",") ?? ["s30", "s10k", "s50k"];

const payloads = Object.fromEntries(
  ["p1k", "p10k", "p10k-changed", "p50k", "p30", "u30", "u10k", "u50k"].map((name) => [name, readFileSync(join(BENCH, "payloads", `${name}.json`))]),
);
// M8/M9's proxies: /api/s30, /api/s10k, /api/s50k answer presence, /users (their names)
// and /server_settings as the reference proxy would.
const STARTUP = { s30: ["p30", "u30"], s10k: ["p10k", "u10k"], s50k: ["p50k", "u50k"] };
const SERVER_SETTINGS = JSON.stringify({ result: "success", msg: "", zulip_version: "8.4", zulip_feature_level: 237 });
const variant = { p10k: "p10k" };
const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".json": "application/json" };
const core = readdirSync(DIST).find((f) => /^zulip-roster-[0-9a-f]+\.js$/.test(f));
const coreWasm = readdirSync(DIST).find((f) => f.endsWith("_bg.wasm"));
// The same build, with function names kept, for the CPU profiles (bench.sh makes it).
const PROF = join(BENCH, "prof-dist");

// M8's pages. The first script in each records every long task from navigation on; the
// widget page is what a page author writes (one script tag, one element, the shipped
// build); the vanilla page fetches the same two answers and renders every row, names
// sorted, in a shadow root with the widget's stylesheet. Both set `window.firstRoster`
// (ms since navigation) once rows are in the DOM.
const startPage = (kind, api) => {
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${kind}</title>
<script>window.tasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) tasks.push([e.startTime, e.duration]); }).observe({ type: "longtask", buffered: true });</script>`;
  if (kind === "empty") return `${head}</head><body></body></html>`;
  // M9's reference: only what any poller of this answer pays, the answer's bytes fetched
  // every minute as the widget polls (the widget's default refresh).
  if (kind === "fetch") return `${head}</head><body><script>
const poll = () => fetch("/api/${api}/realm/presence").then((r) => r.arrayBuffer()).then((b) => { window.bytes = b.byteLength; window.firstRoster ??= performance.now(); setTimeout(poll, 60000); });
poll();
</script></body></html>`;
  if (kind === "widget" || kind === "prof") return `${head}
${kind === "prof"
    // The same module with function names (prof-dist), for M8's CPU profile.
    ? `<script type="module">import init from "/prof/zulip_roster.js"; init({ module_or_path: "/prof/zulip_roster_bg.wasm" });</script>`
    : `<script type="module" src="/ship/zulip-roster.js"></script>`}</head><body>
<zulip-roster id="r" proxy="/api/${api}"></zulip-roster>
<script>
const host = document.getElementById("r");
new MutationObserver(() => {
  if (!window.firstRoster && host.dataset.state === "ready" && host.shadowRoot?.querySelector("li[part=row]")) window.firstRoster = performance.now();
}).observe(host, { attributes: true });
</script></body></html>`;
  // The rows sit in a box as tall as the widget's list: a document 50,000 rows tall kept
  // Chromium painting for minutes after the measure ended.
  // The rows are window.vanilla's (below), the ones M2 and M3 compare with: the widget's
  // exact elements and attributes, here with names and ranked by a locale collator.
  return `${head}</head><body><div id="r" style="height:600px;overflow:auto"></div>
<script type="module">
(${helpers.toString()})();
const [presence, users, css] = await Promise.all([
  fetch("/api/${api}/realm/presence").then((r) => r.json()),
  fetch("/api/${api}/users").then((r) => r.json()),
  fetch("/roster.css").then((r) => r.text()),
]);
window.sheet = new CSSStyleSheet();
sheet.replaceSync(css);
vanilla(presence, document.getElementById("r"), true, new Map(users.members.map((m) => [m.email, m.full_name])));
window.firstRoster = performance.now();
</script></body></html>`;
};

const server = createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  const startup = url.pathname.match(/^\/api\/(s\w+)\/(realm\/presence|users|server_settings)$/);
  if (startup && STARTUP[startup[1]]) {
    const [presence, users] = STARTUP[startup[1]];
    const body = { "realm/presence": payloads[presence], users: payloads[users], server_settings: SERVER_SETTINGS }[startup[2]];
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    return res.end(body);
  }
  if (/^\/start\/(widget|vanilla|empty|prof|fetch)$/.test(url.pathname)) {
    res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store" });
    return res.end(startPage(url.pathname.slice(7), url.searchParams.get("api")));
  }
  if (url.pathname.startsWith("/ship/")) {
    // The shipped build (dist/), as a page author serves it: cacheable.
    let body;
    try {
      body = readFileSync(join(ROOT, "dist", url.pathname.slice(6)));
    } catch {
      return res.writeHead(404).end();
    }
    res.writeHead(200, { "content-type": types[url.pathname.slice(url.pathname.lastIndexOf("."))] ?? "application/octet-stream", "cache-control": "max-age=3600" });
    return res.end(body);
  }
  if (url.pathname === "/roster.css") {
    res.writeHead(200, { "content-type": "text/css", "cache-control": "max-age=3600" });
    return res.end(readFileSync(join(ROOT, "static/roster.css")));
  }
  const api = url.pathname.match(/^\/api\/([\w-]+)\/realm\/presence$/);
  if (api) {
    const name = variant[api[1]] ?? api[1];
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    return res.end(payloads[name]);
  }
  if (url.pathname === "/control") {
    variant.p10k = url.searchParams.get("p10k");
    return res.end("ok");
  }
  if (url.pathname === "/payload") {
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(payloads[url.searchParams.get("name")]);
  }
  if (url.pathname === "/") {
    const [js, wasm] = url.searchParams.has("prof")
      ? ["/prof/zulip_roster.js", "/prof/zulip_roster_bg.wasm"] : [`/dist/${core}`, `/dist/${coreWasm}`];
    res.writeHead(200, { "content-type": "text/html" });
    return res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body>
<div id="stage" style="height:600px;overflow:auto"></div>
<script type="module">
import init, * as core from "${js}";
window.wasm = await init({ module_or_path: "${wasm}" });
window.core = core;
window.ready = true;
</script></body></html>`);
  }
  const file = url.pathname.startsWith("/prof/") ? join(PROF, url.pathname.slice(6)) : join(BENCH, url.pathname.replace(/^\/dist\//, "dist/"));
  let body;
  try {
    body = readFileSync(file);
  } catch {
    return res.writeHead(404).end();
  }
  res.writeHead(200, { "content-type": types[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream" });
  res.end(body);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await launchChromium(["--enable-precise-memory-info", "--js-flags=--expose-gc"]);
const open = async (path) => {
  const page = await browser.newPage({ viewport: { width: 800, height: 700 } });
  await page.goto(base + path);
  await page.waitForFunction(() => window.ready === true);
  await page.evaluate(helpers);
  return page;
};

// Helpers installed in the page.
const helpers = () => {
  window.median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  window.frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  window.stateIs = (el, state) => new Promise((resolve) => {
    if (el.dataset.state === state) return resolve();
    const o = new MutationObserver(() => { if (el.dataset.state === state) { o.disconnect(); resolve(); } });
    o.observe(el, { attributes: true });
  });
  // Resolves as soon as the roster is ready and its rows are in the DOM: no frame is
  // waited for, since the baseline waits for none either (both then force layout).
  window.rendered = (host) => new Promise((resolve) => {
    const done = () => host.dataset.state === "ready" && host.shadowRoot?.querySelector("li[part=row]");
    if (done()) return resolve();
    const o = new MutationObserver(() => { if (done()) { o.disconnect(); resolve(); } });
    o.observe(host, { attributes: true });
    if (host.shadowRoot) o.observe(host.shadowRoot, { childList: true, subtree: true });
  });
  // The vanilla baseline: the same rows the widget renders, built directly.
  // The baseline renders into a shadow root with the widget's own stylesheet and the
  // same wrappers (div > div.zulip-roster[role=group] > ul), so style and layout cost the same
  // on both sides. `positions` adds aria-posinset/setsize, as the windowed widget does.
  // `names` (email → full name, from /users): rows show names, ranked by `Intl.Collator`
  // as the widget ranks them; without it, emails in code-unit order.
  window.vanilla = (presence, container, positions = true, names = null) => {
    const now = presence.server_timestamp;
    const people = Object.entries(presence.presences).map(([email, e]) => {
      const a = e.aggregated ?? e.website;
      const age = now - a.timestamp;
      const status = age < 140 ? a.status : "offline";
      return { email, status, name: names?.get(email) ?? email };
    });
    const rank = { active: 0, idle: 1, offline: 2 };
    const collator = names && new Intl.Collator("en", { sensitivity: "base" });
    people.sort((x, y) => rank[x.status] - rank[y.status]
      || (collator ? collator.compare(x.name, y.name) : (x.email < y.email ? -1 : 1)));
    const host = document.createElement("div");
    const root = host.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [window.sheet];
    const div = document.createElement("div");
    const section = document.createElement("div");
    section.setAttribute("role", "group");
    section.dataset.theme = "auto";
    section.dataset.palette = "zulip";
    section.setAttribute("aria-label", "Who's online");
    section.lang = "en";
    section.setAttribute("aria-busy", "false");
    section.className = "zulip-roster";
    const ul = document.createElement("ul");
    ul.className = "roster-list";
    ul.setAttribute("aria-label", "People");
    const words = { active: "Active", idle: "Idle", offline: "Offline" };
    // The same elements and attributes as the widget's rows (ONLY=rows shows both).
    people.forEach((p, i) => {
      const li = document.createElement("li");
      li.setAttribute("part", "row");
      li.dataset.email = p.email;
      li.dataset.status = p.status;
      li.dataset.clients = "website";
      li.title = p.status === "active" ? "Active now" : "Idle";
      if (positions) {
        li.setAttribute("aria-posinset", i + 1);
        li.setAttribute("aria-setsize", people.length);
      }
      li.className = `roster-row ${p.status}`;
      const status = document.createElement("span");
      status.dataset.status = p.status;
      status.className = "status";
      const dot = document.createElement("span");
      dot.setAttribute("part", "dot");
      dot.setAttribute("aria-hidden", "true");
      dot.className = `status-dot ${p.status}`;
      const label = document.createElement("span");
      label.className = "visually-hidden";
      label.textContent = words[p.status];
      status.append(dot, label);
      const avatar = document.createElement("span");
      avatar.setAttribute("aria-hidden", "true");
      avatar.className = "avatar none";
      const name = document.createElement("span");
      name.setAttribute("part", "name");
      name.className = "name";
      name.title = p.email;
      name.textContent = p.name;
      li.append(status, avatar, name);
      ul.append(li);
    });
    section.append(ul);
    div.append(section);
    root.append(div);
    container.append(host);
    ul.offsetHeight;
    return ul;
  };
};
const page = await open("/");
// The widget's stylesheet, for the baseline's shadow root.
await page.evaluate(async () => {
  const host = document.createElement("div");
  document.getElementById("stage").replaceChildren(host);
  const handle = core.mount(host, { proxy: "/api/p1k", names: "off", refresh: 86400 });
  await stateIs(host, "ready");
  window.sheet = host.shadowRoot.adoptedStyleSheets[0];
  handle.destroy(); handle.free();
  document.getElementById("stage").replaceChildren();
});

const results = {};

// ONLY=rows prints the first rows of both sides, to check the baseline builds the same DOM.
if (ONLY?.includes("rows")) {
  console.log(await page.evaluate(async () => {
    const stage = document.getElementById("stage");
    const host = document.createElement("div");
    stage.replaceChildren(host);
    const handle = core.mount(host, { proxy: "/api/p1k", names: "off", showOffline: "all", refresh: 86400 });
    await stateIs(host, "ready");
    const ul = host.shadowRoot.querySelector("ul");
    let outer = "";
    for (let el = ul.parentElement; el; el = el.parentElement) outer = `<${el.tagName.toLowerCase()} ${[...el.attributes].map((a) => `${a.name}="${a.value}"`).join(" ")}> ` + outer;
    const above = `${outer}(${host.shadowRoot.adoptedStyleSheets.length} adopted sheets, ${host.shadowRoot.querySelectorAll("style").length} style elements)`;
    const widget = [...host.shadowRoot.querySelectorAll("li")].slice(0, 2).map((li) => li.outerHTML);
    handle.destroy(); handle.free();
    stage.replaceChildren();
    const vul = vanilla(JSON.parse(await (await fetch("/api/p1k/realm/presence")).text()), stage);
    const baseline = [...vul.querySelectorAll("li")].slice(0, 2).map((li) => li.outerHTML);
    stage.replaceChildren();
    return `widget, inside ${above}:\n${widget.join("\n")}\nbaseline:\n${baseline.join("\n")}`;
  }));
}

// M1: parse. Bytes → typed roster in wasm ÷ JSON.parse of the same text.
if (want("M1")) results.M1 = await page.evaluate(async (pairs) => {
  const text = await (await fetch("/payload?name=p10k")).text();
  const bytes = new TextEncoder().encode(text);
  const ratios = [], w = [], b = [];
  for (let i = 0; i < pairs; i++) {
    let t = performance.now(); core.bench_parse(bytes); const tw = performance.now() - t;
    t = performance.now(); JSON.parse(text); const tb = performance.now() - t;
    ratios.push(tw / tb); w.push(tw); b.push(tb);
  }
  return { ratio: median(ratios), widget_ms: median(w), baseline_ms: median(b) };
}, PAIRS);
if (results.M1) console.log("M1", JSON.stringify(results.M1));

// Mount, wait for the roster, force layout; returns ms. Fetch included for both sides.
const renderPair = async (name, windowing, pairs) => page.evaluate(async ({ name, windowing, pairs }) => {
  core.bench_set_windowing(windowing);
  const stage = document.getElementById("stage");
  const ratios = [], w = [], b = [];
  // Long tasks are counted only while the widget works, not while the baseline does.
  const tasks = [];
  const windows = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e); });
  observer.observe({ type: "longtask" });
  for (let i = 0; i < pairs; i++) {
    stage.replaceChildren();
    await frame();
    const host = document.createElement("div");
    stage.append(host);
    let t = performance.now();
    const handle = core.mount(host, { proxy: `/api/${name}`, names: "off", showOffline: "all", refresh: 86400 });
    await rendered(host);
    host.shadowRoot.querySelector("ul").offsetHeight;
    const tw = performance.now() - t;
    windows.push([t, t + tw]);
    handle.destroy(); handle.free();
    stage.replaceChildren();
    await frame();
    t = performance.now();
    const presence = JSON.parse(await (await fetch(`/api/${name}/realm/presence`)).text());
    vanilla(presence, stage, windowing);
    const tb = performance.now() - t;
    ratios.push(tw / tb); w.push(tw); b.push(tb);
  }
  await frame();
  for (const e of observer.takeRecords()) tasks.push(e);
  observer.disconnect();
  const longest = Math.max(0, ...tasks.filter((e) => windows.some(([a, b]) => e.startTime < b && e.startTime + e.duration > a)).map((e) => e.duration));
  core.bench_set_windowing(true);
  stage.replaceChildren();
  return { ratio: median(ratios), widget_ms: median(w), baseline_ms: median(b), longest_task_ms: longest };
}, { name, windowing, pairs });

if (want("M2")) {
  results.M2 = await renderPair("p1k", false, PAIRS);
  console.log("M2", JSON.stringify(results.M2));
}
if (want("M3")) {
  const m3a = await renderPair("p10k", true, PAIRS);
  const m3b = await renderPair("p50k", true, Math.max(5, Math.floor(PAIRS / 3)));
  // The 50 ms target is at 10k; at 50k, parsing alone takes longer (see the notes).
  results.M3 = { ratio_10k: m3a.ratio, ratio_50k: m3b.ratio, widget_ms_10k: m3a.widget_ms, baseline_ms_10k: m3a.baseline_ms,
    widget_ms_50k: m3b.widget_ms, baseline_ms_50k: m3b.baseline_ms, longest_task_ms: m3a.longest_task_ms,
    longest_task_ms_50k: m3b.longest_task_ms };
  console.log("M3", JSON.stringify(results.M3));
}

// M4: one poll at 10k with 10% changed: fetch + parse + diff + patch ÷ fetch + JSON.parse
// + vanilla class toggles of the same rows.
if (want("M4")) results.M4 = await page.evaluate(async (pairs) => {
  const stage = document.getElementById("stage");
  const host = document.createElement("div");
  stage.replaceChildren(host);
  await fetch("/control?p10k=p10k");
  const handle = core.mount(host, { proxy: "/api/p10k", names: "off", showOffline: "all", refresh: 86400 });
  await stateIs(host, "ready");
  const vhost = document.createElement("div");
  stage.append(vhost);
  const rows = [...vanilla(JSON.parse(await (await fetch("/api/p10k/realm/presence")).text()), vhost).querySelectorAll("li")];
  const ratios = [], w = [], b = [];
  let which = "p10k";
  for (let i = 0; i < pairs; i++) {
    which = which === "p10k" ? "p10k-changed" : "p10k";
    await fetch(`/control?p10k=${which}`);
    const changed = new Promise((r) => host.addEventListener("roster-change", r, { once: true }));
    let t = performance.now();
    handle.refresh();
    await changed;
    host.shadowRoot.querySelector("ul").offsetHeight;
    const tw = performance.now() - t;
    t = performance.now();
    JSON.parse(await (await fetch(`/api/p10k/realm/presence`)).text());
    for (let j = 0; j < rows.length; j += 10) {
      const li = rows[j];
      const next = li.dataset.status === "active" ? "idle" : "active";
      li.classList.replace(li.dataset.status, next);
      li.dataset.status = next;
    }
    vhost.offsetHeight;
    const tb = performance.now() - t;
    ratios.push(tw / tb); w.push(tw); b.push(tb);
    await frame();
  }
  handle.destroy(); handle.free();
  stage.replaceChildren();
  return { ratio: median(ratios), widget_ms: median(w), baseline_ms: median(b) };
}, PAIRS);
if (results.M4) console.log("M4", JSON.stringify(results.M4));

// M5: memory (JS heap + wasm memory) after 50 polls ÷ after 10, at 10k.
if (want("M5")) results.M5 = await page.evaluate(async () => {
  const stage = document.getElementById("stage");
  const host = document.createElement("div");
  stage.replaceChildren(host);
  const handle = core.mount(host, { proxy: "/api/p10k", names: "off", refresh: 86400 });
  await stateIs(host, "ready");
  let which = "p10k";
  const memory = () => { window.gc?.(); return [performance.memory.usedJSHeapSize, wasm.memory.buffer.byteLength]; };
  let at10 = [0, 0];
  for (let i = 1; i <= 50; i++) {
    which = which === "p10k" ? "p10k-changed" : "p10k";
    await fetch(`/control?p10k=${which}`);
    const changed = new Promise((r) => host.addEventListener("roster-change", r, { once: true }));
    handle.refresh();
    await changed;
    await frame();
    if (i === 10) at10 = memory();
  }
  const at50 = memory();
  handle.destroy(); handle.free();
  const sum = ([js, wasm]) => js + wasm;
  return { ratio: sum(at50) / sum(at10), bytes_at_10: sum(at10), bytes_at_50: sum(at50),
    js_heap_at_10: at10[0], js_heap_at_50: at50[0], wasm_memory_at_10: at10[1], wasm_memory_at_50: at50[1] };
});
if (results.M5) console.log("M5", JSON.stringify(results.M5));
// Where the time goes: CPU profiles (sampled every 100 µs) of the widget's side of M1,
// M2 and M3, in the build with function names, summed by function (self time) and by
// stage (time with a stage's function anywhere on the stack).
const STAGES = [
  ["parse (serde_json)", /parse_presence|serde_json::de/],
  ["build roster", /Roster::build|build_ranked|roster::rank|ranks_by/],
  ["rank names (Intl.Collator)", /rankNames|compare|Collator/],
  ["render (yew)", /^yew::|yew::dom_bundle|RenderRunner/],
  ["DOM calls (from wasm)", /^__wbg_/],
  ["garbage collection", /^\(garbage collector\)$/],
];
const summarize = (p) => {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => (n.callFrame.functionName || "(anonymous)").replace(/::h[0-9a-f]{16}$/, "");
  const self = new Map(), stage = new Map();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(p.samples[i]);
    if (name(leaf) === "(idle)") continue;
    total += ms;
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + ms);
    const seen = new Set();
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
      for (const [label, re] of STAGES) if (!seen.has(label) && re.test(name(byId.get(id)))) seen.add(label);
    }
    for (const label of seen) stage.set(label, (stage.get(label) ?? 0) + ms);
  }
  const rows = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([what, ms]) => ({ what, ms: +ms.toFixed(1), share: +(ms / total).toFixed(3) }));
  return { total_ms: +total.toFixed(1), stages: rows(stage, STAGES.length), self: rows(self, Number(process.env.PROFILE_ROWS ?? 10)) };
};
if (want("profile")) {
  const prof = await open("/?prof");
  const cdp = await prof.context().newCDPSession(prof);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  const profile = async (label, fn, arg) => {
    await cdp.send("Profiler.start");
    await prof.evaluate(fn, arg);
    const { profile } = await cdp.send("Profiler.stop");
    results.profiles ??= {};
    results.profiles[label] = summarize(profile);
    console.log("profile", label, JSON.stringify(results.profiles[label]));
  };
  await profile("M1 parse 10k, 5 times", async () => {
    const bytes = new TextEncoder().encode(await (await fetch("/payload?name=p10k")).text());
    for (let i = 0; i < 5; i++) core.bench_parse(bytes);
  });
  // Mounts five rosters and leaves them (hidden) for `unmount`, so tearing down is not
  // in the profile.
  const mounts = async ({ name, windowing }) => {
    core.bench_set_windowing(windowing);
    const stage = document.getElementById("stage");
    window.handles = [];
    for (let i = 0; i < 5; i++) {
      for (const old of stage.children) old.hidden = true;
      const host = document.createElement("div");
      stage.append(host);
      window.handles.push(core.mount(host, { proxy: `/api/${name}`, names: "off", showOffline: "all", refresh: 86400 }));
      await rendered(host);
      host.shadowRoot.querySelector("ul").offsetHeight;
    }
    core.bench_set_windowing(true);
  };
  const unmount = () => {
    for (const handle of window.handles) { handle.destroy(); handle.free(); }
    document.getElementById("stage").replaceChildren();
  };
  await profile("M2 render 1k without windowing, 5 mounts", mounts, { name: "p1k", windowing: false });
  await prof.evaluate(unmount);
  await profile("M3 render 10k windowed, 5 mounts", mounts, { name: "p10k", windowing: true });
  await prof.evaluate(unmount);
}
// M8: navigation → first roster, widget ÷ vanilla, alternating pairs; each cold
// navigation in a new browser context (empty HTTP and code caches), each warm one in a
// context that has loaded both pages before. The longest task counts from navigation
// to the widget's first roster.
// A browser of their own, so nothing the measures above left behind runs beside them,
// and the default 1280 × 720 viewport: at 800 px wide Chromium never finished laying out
// the vanilla page's 50,000 rows.
const starts = want("M8") || want("startup-profile") || want("idle-profile") ? await launchChromium() : null;
const startOnce = async (context, kind, api) => {
  const page = await context.newPage();
  await page.goto(`${base}/start/${kind}?api=${api}`);
  await page.waitForFunction(() => window.firstRoster > 0, null, { timeout: 60_000 }).catch(async (e) => {
    const state = await page.evaluate(() => document.getElementById("r")?.outerHTML.slice(0, 300)).catch(() => "no answer");
    throw new Error(`${kind} page for ${api}: no roster within 60 s (${e.message}); the page says ${state}`);
  });
  const { first, tasks } = await page.evaluate(() => ({ first: window.firstRoster, tasks: window.tasks }));
  await page.close();
  return { ms: first, longest: Math.max(0, ...tasks.filter(([start]) => start < first).map(([, d]) => d)) };
};
const medianOf = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const startupPairs = async (api, pairs, warm) => {
  const ratios = [], w = [], b = [], longest = [];
  const shared = warm ? await starts.newContext() : null;
  if (shared) { await startOnce(shared, "widget", api); await startOnce(shared, "vanilla", api); }
  for (let i = 0; i < pairs; i++) {
    const side = async (kind) => {
      const context = shared ?? (await starts.newContext());
      try { return await startOnce(context, kind, api); } finally { if (!shared) await context.close(); }
    };
    const widget = await side("widget");
    const vanilla = await side("vanilla");
    ratios.push(widget.ms / vanilla.ms); w.push(widget.ms); b.push(vanilla.ms); longest.push(widget.longest);
  }
  if (shared) await shared.close();
  return { ratio: medianOf(ratios), widget_ms: medianOf(w), baseline_ms: medianOf(b), longest_task_ms: Math.max(...longest) };
};
if (want("M8")) {
  results.M8 = {};
  for (const [api, pairs] of [["s30", PAIRS], ["s10k", PAIRS], ["s50k", Math.max(5, Math.floor(PAIRS / 3))]].filter(([api]) => SIZES.includes(api))) {
    for (const cache of ["cold", "warm"]) {
      // A renderer that crashes or never finishes (seen at 50k on this 2-core machine) is
      // reported as such; the other sizes are still measured.
      results.M8[`${api.slice(1)}_${cache}`] = await startupPairs(api, pairs, cache === "warm").catch((e) => ({ error: e.message.split("\n")[0] }));
      console.log("M8", api.slice(1), cache, JSON.stringify(results.M8[`${api.slice(1)}_${cache}`]));
    }
  }
}

// Where M8's time goes: a CPU profile of one cold start at 30 and at 10,000 people, from
// navigation to the first roster, in the build with function names.
if (want("startup-profile")) {
  for (const api of SIZES) {
    const context = await starts.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    await cdp.send("Profiler.start");
    await page.goto(`${base}/start/${process.env.PROFILE_PAGE ?? "prof"}?api=${api}`);
    // A start that never ends is profiled too: its first 30 s show why.
    await page.waitForFunction(() => window.firstRoster > 0, null, { timeout: 30_000 }).catch(() => {});
    const { profile } = await cdp.send("Profiler.stop");
    const first = (await page.evaluate(() => window.firstRoster)) ?? NaN;
    const timing = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => `${e.name.replace(/^.*\//, "")} ${e.startTime.toFixed(0)}→${e.responseEnd.toFixed(0)}`));
    results.profiles ??= {};
    results.profiles[`M8 cold start, ${api.slice(1)} people`] = summarize(profile);
    console.log("startup-profile", api, `first roster at ${first.toFixed(0)} ms`, timing.join(", "), JSON.stringify(results.profiles[`M8 cold start, ${api.slice(1)} people`]));
    await context.close();
  }
}

// Where M9's time goes: a CPU profile of the widget's idle minute (after its first roster
// and five quiet seconds), in the build with function names.
if (want("idle-profile")) {
  for (const api of SIZES.filter((s) => s !== "s30")) {
    const context = await starts.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/start/prof?api=${api}`);
    await page.waitForFunction(() => window.firstRoster > 0, null, { timeout: 60_000 });
    await page.waitForTimeout(5000);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    await cdp.send("Profiler.start");
    await page.waitForTimeout(Number(process.env.M9_SECONDS ?? 60) * 1000);
    const { profile } = await cdp.send("Profiler.stop");
    results.profiles ??= {};
    results.profiles[`M9 idle minute, ${api.slice(1)} people`] = summarize(profile);
    console.log("idle-profile", api, JSON.stringify(results.profiles[`M9 idle minute, ${api.slice(1)} people`]));
    await context.close();
  }
}

// M9: main-thread time per minute while nothing changes: CDP's TaskDuration over
// M9_SECONDS (60) on a page with the widget, minus the same on an empty page. In a
// browser of its own, started after the others are closed, so no page left open above
// ticks beside it. Even so, at the end of a full run an empty page measured 39–42 ms a
// minute where it measured 16–25 ms with M9 alone: one window per page is noisy here.
const M9_SECONDS = Number(process.env.M9_SECONDS ?? 60);
// The first browser's pages (M1–M7's mounted rosters tick every second) close too.
await starts?.close();
await browser.close();
const quiet = want("M9") ? await launchChromium() : null;
const idleTaskMs = async (kind, api) => {
  const context = await quiet.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/start/${kind}?api=${api}`);
  if (kind !== "empty") await page.waitForFunction(() => window.firstRoster > 0, null, { timeout: 60_000 });
  // Startup's own work (and the garbage it leaves) settles first.
  await page.waitForTimeout(5000);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const task = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value;
  const before = await task();
  await page.waitForTimeout(M9_SECONDS * 1000);
  const ms = ((await task()) - before) * 1000 * (60 / M9_SECONDS);
  await context.close();
  return ms;
};
if (want("M9")) {
  const empty = await idleTaskMs("empty", "s30");
  const at10k = await idleTaskMs("widget", "s10k");
  const at50k = await idleTaskMs("widget", "s50k");
  const fetch10k = await idleTaskMs("fetch", "s10k");
  const fetch50k = await idleTaskMs("fetch", "s50k");
  results.M9 = {
    ms_per_min_10k: at10k - empty, ms_per_min_50k: at50k - empty, empty_page_ms_per_min: empty, seconds: M9_SECONDS,
    fetch_only_ms_per_min_10k: fetch10k - empty, fetch_only_ms_per_min_50k: fetch50k - empty,
  };
  console.log("M9", JSON.stringify(results.M9));
}
await quiet?.close();
server.close();

// M6: brotli size of what a page loads, ÷ a minimal Yew hello-world built the same way.
const brotli = (dir, pattern) => {
  let total = 0;
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (pattern.test(name)) total += brotliCompressSync(readFileSync(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    }
  };
  walk(dir);
  return total;
};
const widgetBytes = brotli(join(ROOT, "dist"), /\.(wasm|js)$/);
const helloBytes = brotli(join(BENCH, "hello-dist"), /\.(wasm|js)$/);
results.M6 = { ratio: widgetBytes / helloBytes, brotli_bytes: widgetBytes, hello_brotli_bytes: helloBytes };
console.log("M6", JSON.stringify(results.M6));
if (ONLY) process.exit(0);

function profilesMarkdown() {
  if (!results.profiles) return "";
  let md = `
## Where the time goes (CPU profiles)

The widget's side only, sampled every 100 µs in the same build with function names kept
(\`target/bench/prof-dist\`). A stage counts every sample with one of its functions on the
stack, so stages can overlap; style and layout are not JavaScript and are not in these.
`;
  for (const [label, p] of Object.entries(results.profiles)) {
    md += `\n**${label}** (${p.total_ms} ms sampled)\n\n| stage | ms | share |\n|---|---|---|\n`;
    for (const r of p.stages) md += `| ${r.what} | ${r.ms} | ${(r.share * 100).toFixed(0)} % |\n`;
    md += `\nMost self time: ${p.self.slice(0, 6).map((r) => `\`${r.what.replaceAll("`", "")}\` ${(r.share * 100).toFixed(0)} %`).join(", ")}.\n`;
  }
  return md;
}
// M8's rows: one per size, cold and warm side by side; the target is on the cold start.
function startupRows() {
  const targets = { 30: 1.2, "10k": 0.5, "50k": 0.3 };
  const cell = (m) => (!m ? "not run" : m.error ? `failed: ${m.error}` : `${f(m.ratio)} (${f(m.widget_ms, 0)} / ${f(m.baseline_ms, 0)} ms), longest task ${longTask(m.longest_task_ms)}`);
  return Object.entries(targets).map(([size, target]) => {
    const cold = results.M8?.[`${size}_cold`], warm = results.M8?.[`${size}_warm`];
    const tasksMatter = size !== "30";
    const ok = cold && !cold.error && cold.ratio <= target && (!tasksMatter || cold.longest_task_ms <= 50);
    return row("M8", `startup ${size} people, cold · warm`, `${cell(cold)} · ${cell(warm)}`, `≤ ${target} cold${tasksMatter ? ", no task > 50 ms" : ""}`, ok);
  }).join("\n");
}
mkdirSync(BENCH, { recursive: true });
writeFileSync(join(BENCH, "results.json"), JSON.stringify(results, null, 2) + "\n");
const f = (x, d = 2) => Number(x).toFixed(d);
// The Long Tasks API reports only tasks of 50 ms or more; 0 means there was none.
const longTask = (ms) => (ms === 0 ? "under 50 ms" : `${f(ms, 0)} ms`);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${(await browser.version?.()) ?? "Chromium"}`;
const row = (m, what, value, target, ok) => `| ${m} | ${what} | ${value} | ${target} | ${ok ? "met" : "missed"} |`;
writeFileSync(join(ROOT, "BENCHMARKS.md"), `# Benchmarks

One run of \`scripts/bench.sh\` (${PAIRS} alternating widget/baseline pairs per measure,
medians of per-pair ratios; payloads from the simulator, seed 1). Machine: ${machine}.
Baselines are vanilla JS in the same page and run: \`JSON.parse\` (M1), fetch + \`JSON.parse\`
+ building the widget's exact rows in a shadow root with its stylesheet (M2, M3), fetch +
\`JSON.parse\` + class toggles on the same rows (M4); M6 is a Yew hello-world built the
same way. M5 is JS heap plus wasm memory, both after a forced garbage collection.

| | measure | result | target | |
|---|---|---|---|---|
${row("M1", "parse 10k: bytes → typed roster ÷ JSON.parse", `${f(results.M1.ratio)} (${f(results.M1.widget_ms, 1)} / ${f(results.M1.baseline_ms, 1)} ms)`, "≤ 1.2", results.M1.ratio <= 1.2)}
${row("M2", "render 1k, no windowing ÷ vanilla", `${f(results.M2.ratio)} (${f(results.M2.widget_ms, 1)} / ${f(results.M2.baseline_ms, 1)} ms)`, "≤ 1.4", results.M2.ratio <= 1.4)}
${row("M3", "render 10k / 50k windowed ÷ vanilla full render", `${f(results.M3.ratio_10k)} / ${f(results.M3.ratio_50k)}; longest task ${longTask(results.M3.longest_task_ms)} at 10k (${longTask(results.M3.longest_task_ms_50k)} at 50k)`, "≤ 0.1, no task > 50 ms at 10k", results.M3.ratio_10k <= 0.1 && results.M3.ratio_50k <= 0.1 && results.M3.longest_task_ms <= 50)}
${row("M4", "poll at 10k, 10% changed ÷ JSON.parse + toggles", `${f(results.M4.ratio)} (${f(results.M4.widget_ms, 1)} / ${f(results.M4.baseline_ms, 1)} ms)`, "≤ 1.6", results.M4.ratio <= 1.6)}
${row("M5", "memory after 50 polls ÷ after 10 (10k)", f(results.M5.ratio, 3), "≤ 1.02", results.M5.ratio <= 1.02)}
${row("M6", "brotli size ÷ Yew hello-world", `${f(results.M6.ratio)} (${results.M6.brotli_bytes} bytes)`, "≤ 1.8 and ≤ 110 kB", results.M6.ratio <= 1.8 && results.M6.brotli_bytes <= 110_000)}
${startupRows()}
${row("M9", "main-thread ms per minute, idle, 10k / 50k (minus an empty page)", `${f(results.M9.ms_per_min_10k, 0)} / ${f(results.M9.ms_per_min_50k, 0)} ms (empty page ${f(results.M9.empty_page_ms_per_min, 0)} ms; a page that only fetches the answer each minute: ${f(results.M9.fetch_only_ms_per_min_10k, 0)} / ${f(results.M9.fetch_only_ms_per_min_50k, 0)} ms)`, "≤ 50 ms at both", results.M9.ms_per_min_10k <= 50 && results.M9.ms_per_min_50k <= 50)}

There is no M7: the numbering follows the issues that defined the measures, and none
defined an M7. M8 is navigation → first roster (host \`ready\` and rows in the DOM),
widget ÷ a vanilla page that fetches the same answers and renders every row with names
(cold: a new browser context each time; warm: one that has loaded both pages before);
its longest task is the longest main-thread task (Long Tasks API) from navigation to the
widget's first roster, over all pairs.

Raw figures: \`target/bench/results.json\`.
${profilesMarkdown()}${(() => { try { return readFileSync(join(ROOT, "tests/bench/notes.md"), "utf8"); } catch { return ""; } })()}`);
console.log("wrote target/bench/results.json and BENCHMARKS.md");
