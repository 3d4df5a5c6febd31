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

/// A language the roster speaks. English and German are compiled in; the others' words
/// are files (`lang/{tag}.json`) that the widget loads only when a roster speaks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (also the fallback for languages without words here).
    En,
    /// German.
    De,
    /// Spanish.
    Es,
    /// French.
    Fr,
    /// Italian.
    It,
    /// Dutch.
    Nl,
    /// Polish.
    Pl,
    /// Portuguese.
    Pt,
    /// Russian.
    Ru,
    /// Ukrainian.
    Uk,
    /// Japanese.
    Ja,
    /// Korean.
    Ko,
    /// Simplified Chinese.
    Zh,
    /// Arabic, written right to left.
    Ar,
}

impl Lang {
    /// Every language, compiled ones first.
    pub const ALL: [Lang; 14] = [
        Lang::En,
        Lang::De,
        Lang::Es,
        Lang::Fr,
        Lang::It,
        Lang::Nl,
        Lang::Pl,
        Lang::Pt,
        Lang::Ru,
        Lang::Uk,
        Lang::Ja,
        Lang::Ko,
        Lang::Zh,
        Lang::Ar,
    ];

    /// The language for a BCP 47 tag, by its primary subtag: `de-AT` → German, `pt-BR` →
    /// Portuguese, `zh-TW` → (Simplified) Chinese; anything else English.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|lang| lang.tag().eq_ignore_ascii_case(primary))
            .unwrap_or(Lang::En)
    }

    /// The primary tag (`en`, `de`): the `lang` of text in this language, and the name of
    /// its words file.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::It => "it",
            Lang::Nl => "nl",
            Lang::Pl => "pl",
            Lang::Pt => "pt",
            Lang::Ru => "ru",
            Lang::Uk => "uk",
            Lang::Ja => "ja",
            Lang::Ko => "ko",
            Lang::Zh => "zh",
            Lang::Ar => "ar",
        }
    }

    /// Whether the language is written right to left.
    pub fn rtl(self) -> bool {
        self == Lang::Ar
    }

    /// The words compiled into the module; `None` for a language whose words are a file
    /// ([`Words::from_json`]).
    pub fn built_in(self) -> Option<&'static Words> {
        match self {
            Lang::En => Some(&EN),
            Lang::De => Some(&DE),
            _ => None,
        }
    }
}

/// CLDR's cardinal plural categories, as `Intl.PluralRules.prototype.select` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralCategory {
    /// `zero` (Arabic's 0).
    Zero,
    /// `one`.
    One,
    /// `two`.
    Two,
    /// `few`.
    Few,
    /// `many`.
    Many,
    /// `other`, which every language has.
    Other,
}

impl PluralCategory {
    /// Every category, in CLDR's order (and [`Plural`]'s fields').
    pub const ALL: [PluralCategory; 6] = [
        PluralCategory::Zero,
        PluralCategory::One,
        PluralCategory::Two,
        PluralCategory::Few,
        PluralCategory::Many,
        PluralCategory::Other,
    ];

    /// CLDR's names of [`PluralCategory::ALL`], as `Intl.PluralRules` and words files
    /// write them.
    pub const NAMES: [&'static str; 6] = ["zero", "one", "two", "few", "many", "other"];

    /// The category `Intl.PluralRules` named; `other` for a name CLDR does not have.
    pub fn from_cldr(name: &str) -> PluralCategory {
        Self::NAMES
            .iter()
            .position(|n| *n == name)
            .map_or(PluralCategory::Other, |at| Self::ALL[at])
    }
}

/// A sentence with a number in it, one form per plural category the language has (the
/// rest fall back to `other`). `{n}` is the number; the zero, one and two forms may say
/// it in words.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Plural {
    /// For `zero`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zero: Option<&'static str>,
    /// For `one`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub one: Option<&'static str>,
    /// For `two`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub two: Option<&'static str>,
    /// For `few`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub few: Option<&'static str>,
    /// For `many`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub many: Option<&'static str>,
    /// For everything else.
    pub other: &'static str,
}

impl Plural {
    /// English's and German's shape: a singular and the rest.
    pub const fn one_other(one: &'static str, other: &'static str) -> Plural {
        Plural {
            zero: None,
            one: Some(one),
            two: None,
            few: None,
            many: None,
            other,
        }
    }

    /// The form for `category`, or `other` when the language has none for it.
    pub fn form(&self, category: PluralCategory) -> &'static str {
        let form = match category {
            PluralCategory::Zero => self.zero,
            PluralCategory::One => self.one,
            PluralCategory::Two => self.two,
            PluralCategory::Few => self.few,
            PluralCategory::Many => self.many,
            PluralCategory::Other => None,
        };
        form.unwrap_or(self.other)
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
    /// The plural category of `n` ("one", "few", …), as `Intl.PluralRules` selects it.
    fn plural(&self, n: usize) -> PluralCategory;
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
            // German compact notation abbreviates from a million ("1,5 Mio.").
            Lang::De if n < 1_000_000 => n.to_string(),
            Lang::De => compact_count(n).replace('.', ",").replace('M', " Mio."),
            _ => compact_count(n),
        }
    }

    /// English's and German's rule, for every language.
    fn plural(&self, n: usize) -> PluralCategory {
        if n == 1 {
            PluralCategory::One
        } else {
            PluralCategory::Other
        }
    }

    /// German's words for German, English's for every other language.
    fn ago(&self, amount: u32, unit: TimeUnit) -> String {
        let n = amount;
        match (self.0, unit, n) {
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
            (_, TimeUnit::Minute, 0) => "this minute".into(),
            (_, TimeUnit::Hour, 0) => "this hour".into(),
            (_, TimeUnit::Day, 0) => "today".into(),
            (_, TimeUnit::Day, 1) => "yesterday".into(),
            (_, TimeUnit::Minute, 1) => "1 minute ago".into(),
            (_, TimeUnit::Hour, 1) => "1 hour ago".into(),
            (_, TimeUnit::Minute, _) => format!("{n} minutes ago"),
            (_, TimeUnit::Hour, _) => format!("{n} hours ago"),
            (_, TimeUnit::Day, _) => format!("{n} days ago"),
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
            (Lang::De, true) => format!("{day}. {} {year}", MONTHS_DE[m]),
            (Lang::De, false) => format!("{day}. {}", MONTHS_DE[m]),
            (_, true) => format!("{} {day}, {year}", MONTHS_EN[m]),
            (_, false) => format!("{} {day}", MONTHS_EN[m]),
        }
    }
}

/// Every sentence and label the roster shows, in one language. `{n}`, `{status}` and the
/// like are filled in by [`fill`].
///
/// A words file deserializes into it borrowing from the file's text, which the widget
/// keeps for the page's life ([`Words::from_json`], in `words_file.rs`): one allocation
/// per language, and no copy of each string.
#[derive(Debug, Clone, Copy, serde::Serialize)]
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
    /// A team roster on a proxy that sends counts only.
    pub teams_hidden: &'static str,
    /// The proxy could not apply its privacy setting to Zulip's answer and sent nothing.
    pub privacy_failed: &'static str,
    /// The proxy hides email addresses (privacy setting `no-emails`).
    pub privacy_no_emails: &'static str,
    /// The proxy sends counts only (privacy setting `counts`).
    pub privacy_counts: &'static str,
    /// A colleague's clock: "{time} local time".
    pub local_time: &'static str,
    /// "{n} person came online" / "{n} people came online".
    pub came_online: Plural,
    /// "… went idle".
    pub went_idle: Plural,
    /// "… went offline".
    pub went_offline: Plural,
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
    teams_hidden: "This organization's proxy shows how many people are online, not who, so team rosters are not available. Remove the group or channel setting.",
    privacy_failed: "The proxy could not apply its privacy setting to Zulip's answer, so it sent nothing. Its administrator will find why in nginx's error log.",
    privacy_no_emails: "This organization's proxy hides email addresses.",
    privacy_counts: "This organization's proxy shows how many people are online, not who.",
    local_time: "{time} local time",
    no_such_group: "There is no user group \"{name}\" in this organization. Check the group setting.",
    no_such_channel: "There is no channel \"{name}\" that the proxy's account can see. Check the channel setting.",
    groups_refused: "Zulip does not let the proxy's account read user groups (BAD_REQUEST: {msg}). Group rosters need the proxy to hold a member's API key, not a bot's.",
    came_online: Plural::one_other("{n} person came online", "{n} people came online"),
    went_idle: Plural::one_other("{n} person went idle", "{n} people went idle"),
    went_offline: Plural::one_other("{n} person went offline", "{n} people went offline"),
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
    teams_hidden: "Der Proxy dieser Organisation zeigt, wie viele Personen online sind, aber nicht wer, daher gibt es keine Team-Listen. Bitte die Einstellung „group“ oder „channel“ entfernen.",
    privacy_failed: "Der Proxy konnte seine Datenschutz-Einstellung nicht auf die Antwort von Zulip anwenden und hat daher nichts gesendet. Den Grund findet seine Administration im Fehlerprotokoll von nginx.",
    privacy_no_emails: "Der Proxy dieser Organisation verbirgt E-Mail-Adressen.",
    privacy_counts: "Der Proxy dieser Organisation zeigt, wie viele Personen online sind, aber nicht wer.",
    local_time: "{time} Ortszeit",
    no_such_group: "In dieser Organisation gibt es keine Benutzergruppe „{name}“. Bitte die Einstellung „group“ prüfen.",
    no_such_channel: "Es gibt keinen Kanal „{name}“, den das Konto des Proxys sehen kann. Bitte die Einstellung „channel“ prüfen.",
    groups_refused: "Zulip lässt das Konto des Proxys keine Benutzergruppen lesen (BAD_REQUEST: {msg}). Gruppen-Listen brauchen für den Proxy den API-Schlüssel eines Mitglieds, nicht eines Bots.",
    came_online: Plural::one_other("{n} Person ist online gekommen", "{n} Personen sind online gekommen"),
    went_idle: Plural::one_other("{n} Person ist jetzt abwesend", "{n} Personen sind jetzt abwesend"),
    went_offline: Plural::one_other("{n} Person ist offline gegangen", "{n} Personen sind offline gegangen"),
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
    /// The form of `forms` for `n`, filled with it.
    pub fn plural(&self, forms: &Plural, n: usize) -> String {
        let form = forms.form(self.formats.plural(n));
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
