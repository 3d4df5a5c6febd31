//! The roster's words in English and German, and the number, plural, relative-time and
//! date formatting they need.
//!
//! Sentences live here, in pure Rust, so they are tested natively. Numbers, plurals,
//! relative times and dates come through [`Formats`]: in the browser that is `Intl`
//! (`NumberFormat`, `PluralRules`, `RelativeTimeFormat`, `DateTimeFormat`); natively,
//! [`PlainFormats`] imitates Intl's English and German output for tests.

use crate::client::ClientKind;
use crate::status::Status;
use crate::wording::compact_count;

/// A language with a full set of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (also the fallback for languages without words here).
    En,
    /// German.
    De,
}

impl Lang {
    /// The words for a BCP 47 tag: `de`, `de-AT`, `de-CH` → German; anything else English.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "de" => Lang::De,
            _ => Lang::En,
        }
    }

    /// The primary tag (`en`, `de`): the `lang` of text in this language.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    /// The words of this language.
    pub fn words(self) -> &'static Words {
        match self {
            Lang::En => &EN,
            Lang::De => &DE,
        }
    }
}

/// A unit for relative times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
}

/// Locale formatting the words need.
pub trait Formats {
    /// A count, compact from 1,000 ("1.2K").
    fn compact(&self, n: usize) -> String;
    /// Whether `n` takes the singular ("one") form.
    fn is_one(&self, n: usize) -> bool;
    /// A relative time in the past, `amount` units ago, with words for the special cases
    /// ("yesterday"), like `Intl.RelativeTimeFormat` with `numeric: "auto"`.
    fn ago(&self, amount: u32, unit: TimeUnit) -> String;
    /// A calendar date, "Aug 6, 2023", or "Aug 6" without the year (Zulip's
    /// `dayofyear_year` and `dayofyear` formats).
    fn date(&self, year: i32, month: u8, day: u8, with_year: bool) -> String;
    /// The clock at Unix time `secs` in the IANA `timezone` ("14:05", "2:05 PM"), with
    /// the weekday when that is not the viewer's own weekday at that moment ("Tue
    /// 02:14", across a date line); `None` for a zone the formatter does not know.
    fn clock(&self, secs: f64, timezone: &str) -> Option<String>;
}

/// Intl-like formatting without a browser, for native tests and non-browser callers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlainFormats(pub Lang);

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_DE: [&str; 12] = [
    "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez.",
];

impl Formats for PlainFormats {
    fn compact(&self, n: usize) -> String {
        match self.0 {
            Lang::En => compact_count(n),
            // German compact notation abbreviates from a million ("1,5 Mio.").
            Lang::De if n < 1_000_000 => n.to_string(),
            Lang::De => compact_count(n).replace('.', ",").replace('M', " Mio."),
        }
    }

    fn is_one(&self, n: usize) -> bool {
        n == 1
    }

    fn ago(&self, amount: u32, unit: TimeUnit) -> String {
        let n = amount;
        match (self.0, unit, n) {
            (Lang::En, TimeUnit::Minute, 0) => "this minute".into(),
            (Lang::En, TimeUnit::Hour, 0) => "this hour".into(),
            (Lang::En, TimeUnit::Day, 0) => "today".into(),
            (Lang::En, TimeUnit::Day, 1) => "yesterday".into(),
            (Lang::En, TimeUnit::Minute, 1) => "1 minute ago".into(),
            (Lang::En, TimeUnit::Hour, 1) => "1 hour ago".into(),
            (Lang::En, TimeUnit::Minute, _) => format!("{n} minutes ago"),
            (Lang::En, TimeUnit::Hour, _) => format!("{n} hours ago"),
            (Lang::En, TimeUnit::Day, _) => format!("{n} days ago"),
            (Lang::De, TimeUnit::Minute, 0) => "in dieser Minute".into(),
            (Lang::De, TimeUnit::Hour, 0) => "in dieser Stunde".into(),
            (Lang::De, TimeUnit::Day, 0) => "heute".into(),
            (Lang::De, TimeUnit::Day, 1) => "gestern".into(),
            (Lang::De, TimeUnit::Day, 2) => "vorgestern".into(),
            (Lang::De, TimeUnit::Minute, 1) => "vor 1 Minute".into(),
            (Lang::De, TimeUnit::Hour, 1) => "vor 1 Stunde".into(),
            (Lang::De, TimeUnit::Minute, _) => format!("vor {n} Minuten"),
            (Lang::De, TimeUnit::Hour, _) => format!("vor {n} Stunden"),
            (Lang::De, TimeUnit::Day, _) => format!("vor {n} Tagen"),
        }
    }

    /// UTC alone (no time zone database here), 24-hour, the viewer taken to be on UTC.
    fn clock(&self, secs: f64, timezone: &str) -> Option<String> {
        if !matches!(timezone, "UTC" | "Etc/UTC") || !secs.is_finite() {
            return None;
        }
        let minutes = (secs / 60.0).floor() as i64;
        let (h, m) = (minutes.rem_euclid(1440) / 60, minutes.rem_euclid(60));
        Some(format!("{h:02}:{m:02}"))
    }

    fn date(&self, year: i32, month: u8, day: u8, with_year: bool) -> String {
        let m = usize::from(month.clamp(1, 12)) - 1;
        match (self.0, with_year) {
            (Lang::En, true) => format!("{} {day}, {year}", MONTHS_EN[m]),
            (Lang::En, false) => format!("{} {day}", MONTHS_EN[m]),
            (Lang::De, true) => format!("{day}. {} {year}", MONTHS_DE[m]),
            (Lang::De, false) => format!("{day}. {}", MONTHS_DE[m]),
        }
    }
}

/// Every sentence and label the roster shows, in one language. `{n}`, `{status}` and the
/// like are filled in by [`fill`].
#[derive(Debug, serde::Serialize)]
pub struct Words {
    /// Status labels: active, idle, offline.
    pub statuses: [&'static str; 3],
    /// "{active} active · {idle} idle · {offline} offline".
    pub counts: &'static str,
    /// The search box's label.
    pub search: &'static str,
    /// The list's label.
    pub people: &'static str,
    /// The widget's label.
    pub region: &'static str,
    /// Before the first answer.
    pub loading: &'static str,
    /// A search that matches nobody.
    pub no_match: &'static str,
    /// Nobody listed (offline people hidden).
    pub no_active: &'static str,
    /// "{n} offline not listed; search to find them."
    pub hidden_offline_search: &'static str,
    /// "{n} offline not listed."
    pub hidden_offline: &'static str,
    /// "{n} more not listed."
    pub cut: &'static str,
    /// `presences: {}`.
    pub empty: &'static str,
    /// "Active now".
    pub active_now: &'static str,
    /// "Active {n} minutes ago" (Zulip's words, `timerender.ts`, and its translations
    /// in `locale/*/translations.json`).
    pub active_minutes_ago: &'static str,
    /// "Active an hour ago".
    pub active_an_hour_ago: &'static str,
    /// "Active {n} hours ago".
    pub active_hours_ago: &'static str,
    /// "Active yesterday".
    pub active_yesterday: &'static str,
    /// "Active {n} days ago".
    pub active_days_ago: &'static str,
    /// "Active {date}".
    pub active_on: &'static str,
    /// No presence at all.
    pub not_recently: &'static str,
    /// After a guest's name (Zulip's buddy list, `people.should_add_guest_user_indicator`).
    pub guest: &'static str,
    /// "just now", for "Last updated just now".
    pub just_now: &'static str,
    /// "Last updated {ago}; retrying… {failure}".
    pub stale: &'static str,
    /// "Last updated {ago}; retrying in {n} s. {failure}".
    pub stale_rate_limited: &'static str,
    /// "{failure} Retrying in {n} s."
    pub failed: &'static str,
    /// The proxy URL answered with a web page.
    pub wrong_url_page: &'static str,
    /// The proxy URL answered 404 (or another status) without Zulip's JSON.
    pub wrong_url_status: &'static str,
    /// Credentials refused: the sentence's start.
    pub refused: &'static str,
    /// … the account is deactivated.
    pub refused_user_deactivated: &'static str,
    /// … the organization is deactivated.
    pub refused_realm_deactivated: &'static str,
    /// 429.
    pub rate_limited: &'static str,
    /// 5xx.
    pub down_status: &'static str,
    /// No answer.
    pub down_network: &'static str,
    /// Timeout.
    pub down_timeout: &'static str,
    /// Another Zulip refusal.
    pub rejected: &'static str,
    /// Unreadable answer.
    pub malformed: &'static str,
    /// An answer over the size limit ("{n}" MiB).
    pub too_large: &'static str,
    /// The `group` option names no group: "{name}".
    pub no_such_group: &'static str,
    /// The `channel` option names no channel the proxy's account sees: "{name}".
    pub no_such_channel: &'static str,
    /// Zulip refuses the proxy's account the user groups: "{msg}" is Zulip's message.
    pub groups_refused: &'static str,
    /// A colleague's clock: "{time} local time".
    pub local_time: &'static str,
    /// "{n} person came online" / "{n} people came online".
    pub came_online: [&'static str; 2],
    /// "… went idle".
    pub went_idle: [&'static str; 2],
    /// "… went offline".
    pub went_offline: [&'static str; 2],
    /// Client kinds: web, desktop, mobile, terminal, api, unknown.
    pub clients: [&'static str; 6],
}

/// English.
pub static EN: Words = Words {
    statuses: ["Active", "Idle", "Offline"],
    counts: "{active} active · {idle} idle · {offline} offline",
    search: "Search people",
    people: "People",
    region: "Who's online",
    loading: "Loading who's online…",
    no_match: "No matching users.",
    no_active: "No active users.",
    hidden_offline_search: "{n} offline not listed; search to find them.",
    hidden_offline: "{n} offline not listed.",
    cut: "{n} more not listed.",
    empty: "Presence is disabled for this organization, or nobody has been online in the last 2 weeks.",
    active_now: "Active now",
    active_minutes_ago: "Active {n} minutes ago",
    active_an_hour_ago: "Active an hour ago",
    active_hours_ago: "Active {n} hours ago",
    active_yesterday: "Active yesterday",
    active_days_ago: "Active {n} days ago",
    active_on: "Active {date}",
    not_recently: "Not active in the last 2 weeks",
    guest: "(guest)",
    just_now: "just now",
    stale: "Last updated {ago}; retrying… {failure}",
    stale_rate_limited: "Last updated {ago}; retrying in {n} s. {failure}",
    failed: "{failure} Retrying in {n} s.",
    wrong_url_page: "The proxy URL looks wrong: it answered with a web page (HTTP {status}), not Zulip's JSON. Check the proxy setting.",
    wrong_url_status: "The proxy URL looks wrong: it answered HTTP {status} Not Found. Check the proxy setting.",
    refused: "The Zulip server refused the proxy's credentials",
    refused_user_deactivated: ": the proxy's account is deactivated",
    refused_realm_deactivated: ": the organization is deactivated",
    rate_limited: "Zulip is rate-limiting the proxy.",
    down_status: "The proxy or the Zulip server is not working (HTTP {status}).",
    down_network: "The proxy cannot be reached (network error).",
    down_timeout: "The proxy did not answer within {n} s.",
    rejected: "The Zulip server rejected the request (HTTP {status}, {code}: {msg}).",
    malformed: "The proxy's answer could not be read: {error}.",
    too_large: "The proxy's answer is too large to read (over {n} MB).",
    local_time: "{time} local time",
    no_such_group: "There is no user group \"{name}\" in this organization. Check the group setting.",
    no_such_channel: "There is no channel \"{name}\" that the proxy's account can see. Check the channel setting.",
    groups_refused: "Zulip does not let the proxy's account read user groups (BAD_REQUEST: {msg}). Group rosters need the proxy to hold a member's API key, not a bot's.",
    came_online: ["{n} person came online", "{n} people came online"],
    went_idle: ["{n} person went idle", "{n} people went idle"],
    went_offline: ["{n} person went offline", "{n} people went offline"],
    clients: ["Web", "Desktop app", "Mobile app", "Terminal", "Python / API", "Other app"],
};

/// German.
pub static DE: Words = Words {
    statuses: ["Aktiv", "Abwesend", "Offline"],
    counts: "{active} aktiv · {idle} abwesend · {offline} offline",
    search: "Personen suchen",
    people: "Personen",
    region: "Wer ist online",
    loading: "Lade, wer online ist …",
    no_match: "Keine passenden Personen.",
    no_active: "Niemand ist aktiv.",
    hidden_offline_search: "{n} offline nicht aufgeführt; zum Finden suchen.",
    hidden_offline: "{n} offline nicht aufgeführt.",
    cut: "{n} weitere nicht aufgeführt.",
    empty: "Die Präsenz ist für diese Organisation abgeschaltet, oder niemand war in den letzten 2 Wochen online.",
    active_now: "Jetzt aktiv",
    active_minutes_ago: "Zuletzt aktiv vor {n} Minuten",
    active_an_hour_ago: "Zuletzt aktiv vor einer Stunde",
    active_hours_ago: "Zuletzt aktiv vor {n} Stunden",
    active_yesterday: "Zuletzt gestern aktiv",
    active_days_ago: "Zuletzt aktiv vor {n} Tagen",
    active_on: "Zuletzt aktiv {date}",
    not_recently: "In den letzten 2 Wochen nicht aktiv",
    guest: "(Gast)",
    just_now: "gerade eben",
    stale: "Zuletzt aktualisiert {ago}; neuer Versuch läuft … {failure}",
    stale_rate_limited: "Zuletzt aktualisiert {ago}; neuer Versuch in {n} s. {failure}",
    failed: "{failure} Neuer Versuch in {n} s.",
    wrong_url_page: "Die Proxy-URL scheint falsch: Sie lieferte eine Webseite (HTTP {status}) statt Zulips JSON. Bitte die Proxy-Einstellung prüfen.",
    wrong_url_status: "Die Proxy-URL scheint falsch: Sie antwortete mit HTTP {status} (nicht gefunden). Bitte die Proxy-Einstellung prüfen.",
    refused: "Der Zulip-Server hat die Zugangsdaten des Proxys abgelehnt",
    refused_user_deactivated: ": das Konto des Proxys ist deaktiviert",
    refused_realm_deactivated: ": die Organisation ist deaktiviert",
    rate_limited: "Zulip drosselt die Anfragen des Proxys.",
    down_status: "Der Proxy oder der Zulip-Server funktioniert nicht (HTTP {status}).",
    down_network: "Der Proxy ist nicht erreichbar (Netzwerkfehler).",
    down_timeout: "Der Proxy hat nicht innerhalb von {n} s geantwortet.",
    rejected: "Der Zulip-Server hat die Anfrage abgelehnt (HTTP {status}, {code}: {msg}).",
    malformed: "Die Antwort des Proxys war nicht lesbar: {error}.",
    too_large: "Die Antwort des Proxys ist zu groß zum Lesen (über {n} MB).",
    local_time: "{time} Ortszeit",
    no_such_group: "In dieser Organisation gibt es keine Benutzergruppe „{name}“. Bitte die Einstellung „group“ prüfen.",
    no_such_channel: "Es gibt keinen Kanal „{name}“, den das Konto des Proxys sehen kann. Bitte die Einstellung „channel“ prüfen.",
    groups_refused: "Zulip lässt das Konto des Proxys keine Benutzergruppen lesen (BAD_REQUEST: {msg}). Gruppen-Listen brauchen für den Proxy den API-Schlüssel eines Mitglieds, nicht eines Bots.",
    came_online: ["{n} Person ist online gekommen", "{n} Personen sind online gekommen"],
    went_idle: ["{n} Person ist jetzt abwesend", "{n} Personen sind jetzt abwesend"],
    went_offline: ["{n} Person ist offline gegangen", "{n} Personen sind offline gegangen"],
    clients: ["Web", "Desktop-App", "Mobil-App", "Terminal", "Python / API", "Andere App"],
};

impl Words {
    /// The label of a status.
    pub fn status(&self, status: Status) -> &'static str {
        match status {
            Status::Active => self.statuses[0],
            Status::Idle => self.statuses[1],
            Status::Offline => self.statuses[2],
        }
    }

    /// The label of a client kind.
    pub fn client(&self, kind: ClientKind) -> &'static str {
        let i = match kind {
            ClientKind::Web => 0,
            ClientKind::Desktop => 1,
            ClientKind::Mobile => 2,
            ClientKind::Terminal => 3,
            ClientKind::Api => 4,
            ClientKind::Unknown => 5,
        };
        self.clients[i]
    }
}

/// Fills `{name}` placeholders in `template`.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The viewer's language as the model needs it: its words and its formats (numbers,
/// plurals, relative times, dates). Borrowed; the browser side owns them.
#[derive(Clone, Copy)]
pub struct Locale<'a> {
    /// The sentences.
    pub words: &'static Words,
    /// Numbers, plurals, relative times, dates.
    pub formats: &'a dyn Formats,
}

impl std::fmt::Debug for Locale<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale")
            .field("region", &self.words.region)
            .finish()
    }
}

impl<'a> Locale<'a> {
    /// A plural pair, filled with `n`.
    pub fn plural(&self, forms: [&str; 2], n: usize) -> String {
        let form = if self.formats.is_one(n) {
            forms[0]
        } else {
            forms[1]
        };
        fill(form, &[("n", &self.formats.compact(n))])
    }
}

/// English with native formatting: what `Display` impls say.
pub fn english() -> Locale<'static> {
    static PLAIN_EN: PlainFormats = PlainFormats(Lang::En);
    Locale {
        words: &EN,
        formats: &PLAIN_EN,
    }
}
