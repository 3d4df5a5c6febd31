// Types for zulip-roster: the module `zulip-roster.js`, its `mount()` and the
// <zulip-roster> element. Every option is the element's attribute of the same name in
// kebab-case (`showOffline` ↔ `show-offline`), and `data-*` on `[data-zulip-roster]`.

/** Options of `mount()` and `update()`. */
export interface RosterOptions {
  /** Base URL forwarding to a Zulip server's `/api/v1` (an http(s) URL or a path from the site's root). */
  proxy?: string;
  /** Seconds between polls, 1 to 86400 (default 60). */
  refresh?: number;
  /** Zulip's offline threshold in seconds, 1 to 86400 (default: the server's). */
  offlineThreshold?: number;
  /** Seconds before a request counts as failed, 1 to 600 (default 20). */
  timeout?: number;
  /** `auto`: names and avatars from `/users`; `off`: emails only. */
  names?: "auto" | "off";
  /** Whether offline people are listed (`auto`: not above 600 people unless searching). */
  showOffline?: "auto" | "all" | "none";
  /** List at most this many rows (counts still cover everyone). */
  maxRows?: number;
  /** `auto` follows the page's `prefers-color-scheme`. */
  theme?: "auto" | "light" | "dark";
  /** Dot colours: Zulip's, or Okabe–Ito for colour-blind viewers. */
  palette?: "zulip" | "colorblind";
  /** A BCP 47 language tag (default: the nearest `[lang]`, then the browser's). */
  lang?: string;
  /** A denser layout for sidebars: no avatars, no search box. */
  compact?: boolean;
  /** Only this user group's members (subgroups included), by name or id. */
  group?: string | number;
  /** Only this channel's subscribers, by name or id. */
  channel?: string | number;
  /** Each person's local time in the row's tooltip (`auto`) or none (`off`). */
  localTime?: "auto" | "off";
  /**
   * Each row opens a direct message with that person in Zulip, and the counts open the
   * organization, in a new tab (`auto`; never in counts mode), or no links (`off`).
   */
  links?: "auto" | "off";
}

/** What `mount()` returns. */
export interface RosterHandle {
  /** Applies new options at once (the same ones `mount()` takes). */
  update(options: RosterOptions): void;
  /** Polls now; during a request, once more when it answers. */
  refresh(): void;
  /** Stops the widget's polling, timers and listeners. */
  destroy(): void;
}

/** Counts over the whole roster, not only the rows shown. */
export interface RosterCounts {
  active: number;
  idle: number;
  offline: number;
  total: number;
}

/** Someone whose status changed; `from` is `null` for someone new. */
export interface RosterStatusChange {
  /** The presence key: the person's Zulip API email (an opaque id behind a no-emails proxy). */
  email: string;
  from: "active" | "idle" | "offline" | null;
  to: "active" | "idle" | "offline";
}

/** `detail` of a `roster-change` event. */
export interface RosterChangeDetail {
  counts: RosterCounts;
  /** Empty on the first roster, and always behind a counts-only proxy. */
  changes: RosterStatusChange[];
}

/** `detail` of a `roster-error` event. */
export interface RosterErrorDetail {
  cause: "config" | "wrong-url" | "refused" | "rate-limited" | "down" | "rejected" | "malformed" | "privacy";
  /** The HTTP status, when there was an answer. */
  status: number | null;
  /** Zulip's (or the proxy's) error code, when the answer carried one. */
  code: string | null;
  /** What the widget shows, in its language. */
  message: string;
}

/** The events a roster fires on its host element (bubbling and composed). */
export interface RosterEventMap {
  "roster-change": CustomEvent<RosterChangeDetail>;
  "roster-error": CustomEvent<RosterErrorDetail>;
}

/** `<zulip-roster>`: attributes are the options in kebab-case. */
export interface ZulipRosterElement extends HTMLElement {
  /** Polls now. */
  refresh(): void;
  addEventListener<K extends keyof RosterEventMap>(type: K, listener: (this: ZulipRosterElement, event: RosterEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: ZulipRosterElement, event: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof RosterEventMap>(type: K, listener: (this: ZulipRosterElement, event: RosterEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: ZulipRosterElement, event: HTMLElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "zulip-roster": ZulipRosterElement;
  }
  interface HTMLElementEventMap extends RosterEventMap {}
}

/** The release (Cargo's version), as on every host's `data-version`. */
export const version: string;

/** Settles when the wasm has loaded; rejects when it cannot. */
export const ready: Promise<void>;

/**
 * Mounts a roster on `element`. Once `ready` has settled a wrong option throws an Error
 * saying what is wrong; before, the widget shows it and fires `roster-error`.
 */
export function mount(element: Element, options?: RosterOptions): RosterHandle;
