// zulip-roster: the one script a page needs.
//
//   <script type="module" src="/static/zulip-roster/zulip-roster.js"></script>
//   <zulip-roster proxy="/zulip/api/v1">See who's online in Zulip</zulip-roster>
//
// Loads the wasm that sits next to this file (so any path prefix works); starting it
// defines <zulip-roster> and mounts [data-zulip-roster] elements. If the wasm cannot
// load, nothing is defined and the elements' own content stays.
// scripts/stable-entry.sh fills in the hashed file names at build time.
import init, { mount as mountRoster } from "./__CORE_JS__";

await init({ module_or_path: new URL("./__CORE_WASM__", import.meta.url) });

/** Mounts a roster on `element` with camelCase options; returns { update, refresh, destroy }.
 *  Wrong options throw an Error that says what is wrong. */
export function mount(element, options = {}) {
  return mountRoster(element, options);
}
