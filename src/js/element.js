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

/** Mounts every `[data-zulip-roster]` element not mounted yet, with options from its
 *  `data-*` attributes. */
export function autoMount(mountAttributes, names) {
  for (const element of document.querySelectorAll("[data-zulip-roster]")) {
    if (element.shadowRoot) continue;
    const options = {};
    for (const name of names) {
      const value = element.getAttribute("data-" + name);
      if (value !== null) options[name] = value;
    }
    mountAttributes(element, options);
  }
}
