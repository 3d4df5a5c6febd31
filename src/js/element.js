// <zulip-roster>: a thin custom element over the wasm `mountAttributes`. Kept in JS
// because a custom element must be a JS class; everything it does is delegated.

/** Defines <zulip-roster> (once), observing `names`; `mountAttributes(element, options)`
 *  returns a handle with update/refresh/destroy. */
export function defineRosterElement(mountAttributes, names) {
  if (customElements.get("zulip-roster")) return;
  const attributesOf = (element) => {
    const options = {};
    for (const name of names) {
      const value = element.getAttribute(name);
      if (value !== null) options[name] = value;
    }
    return options;
  };
  class ZulipRosterElement extends HTMLElement {
    static get observedAttributes() {
      return names;
    }
    #handle = null;
    connectedCallback() {
      if (!this.#handle) this.#handle = mountAttributes(this, attributesOf(this));
    }
    disconnectedCallback() {
      // Removing the element stops its polling and timers.
      this.#handle?.destroy();
      this.#handle?.free();
      this.#handle = null;
    }
    attributeChangedCallback() {
      this.#handle?.update(attributesOf(this));
    }
    /** Polls now. */
    refresh() {
      this.#handle?.refresh();
    }
  }
  customElements.define("zulip-roster", ZulipRosterElement);
}

/** Mounts every `[data-zulip-roster]` element, with options from its `data-*` attributes,
 *  and keeps doing so: one MutationObserver mounts elements added later and destroys a
 *  widget whose element left the document (single-page apps swap content all the time),
 *  so a removed element polls nothing. An element put back is mounted again. */
export function autoMount(mountAttributes, names) {
  if (autoMounted) return;
  autoMounted = new Map();
  const scan = () => {
    for (const [element, handle] of autoMounted) {
      if (element.isConnected) continue;
      autoMounted.delete(element);
      handle?.destroy();
      handle?.free();
    }
    for (const element of document.querySelectorAll("[data-zulip-roster]")) {
      if (autoMounted.has(element)) continue;
      // A shadow root this module did not make is someone else's (a mount() call).
      if (element.shadowRoot && !everMounted.has(element)) continue;
      everMounted.add(element);
      const options = {};
      for (const name of names) {
        const value = element.getAttribute("data-" + name);
        if (value !== null) options[name] = value;
      }
      autoMounted.set(element, mountAttributes(element, options));
    }
  };
  scan();
  const touched = (records) => records.some((r) => r.addedNodes.length || r.removedNodes.length);
  new MutationObserver((records) => { if (touched(records)) scan(); }).observe(document, { childList: true, subtree: true });
}

let autoMounted = null;
const everMounted = new WeakSet();
