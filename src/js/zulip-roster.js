// zulip-roster: the one script a page needs.
//
//   <script type="module" src="/static/zulip-roster/zulip-roster.js"></script>
//   <zulip-roster proxy="/zulip/api/v1">See who's online in Zulip</zulip-roster>
//
// Loads the wasm that sits next to this file (so any path prefix works); starting it
// defines <zulip-roster> and mounts [data-zulip-roster] elements. If the wasm cannot
// load, nothing is defined and the elements' own content stays.
// scripts/stable-entry.sh fills in the hashed file names at build time.
//
// No top-level await, on purpose: in WebKit before Safari 27 (WebKitGTK 2.50 included) a
// module with top-level await that two module scripts import at once never finishes
// loading for one of them (https://bugs.webkit.org/show_bug.cgi?id=242740), and a page
// that has both the script tag above and its own `import { mount }` is exactly that. So
// the module is ready at once, and mount() called before the wasm has loaded mounts as
// soon as it has.
import init, { mount as mountNow, mountReporting } from "./__CORE_JS__";

let loaded = false;

// The release on the page (Cargo's version, also the host elements' data-version).
export const version = "__VERSION__";

// Settles when the widget has loaded: after `await ready`, mount() throws for wrong
// options. Rejects when the wasm cannot load.
export const ready = init({ module_or_path: new URL("./__CORE_WASM__", import.meta.url) }).then(() => {
  loaded = true;
});
// A page that never awaits `ready` must not see an unhandled rejection: a wasm that cannot
// load leaves the elements' own content, which is the message.
ready.catch(() => {});

// Mounts a roster on `element` with camelCase options; returns { update, refresh, destroy }.
// Once loaded (`await ready`), wrong options throw an Error that says what is wrong;
// before that, the roster mounts when the wasm has loaded and shows a wrong option in the
// widget (and a `roster-error` event), as the element does.
export function mount(element, options = {}) {
  if (loaded) return mountNow(element, options);
  // Until the wasm is there, the handle keeps what the page asked for.
  let handle = null;
  let latest = options;
  let destroyed = false;
  ready.then(() => {
    if (!destroyed) handle = mountReporting(element, latest);
  }, () => {});
  return {
    update(next) {
      if (handle) handle.update(next);
      else latest = next;
    },
    refresh() {
      // Before it has loaded there is nothing to refresh: mounting polls at once.
      handle?.refresh();
    },
    destroy() {
      destroyed = true;
      handle?.destroy();
    },
    free() {
      handle?.free();
      handle = null;
    },
  };
}
