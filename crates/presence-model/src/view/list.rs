//! The list as the widget draws it: one ready-made view model per row (like Zulip web's
//! `buddy_data.info_for`), the window of a long list, and the lines about who is not
//! listed. The list component only loops over it.

use crate::domain::ClientKind;
use crate::domain::Roster;
use crate::domain::Status;
use crate::domain::{avatar_src, dm_url, Config, ShowOffline};
use crate::domain::{Fold, Search};
use crate::view::{window, Window, WINDOW_ABOVE};
use crate::words::{fill, Locale};

/// Row heights fixed by the stylesheet for windowed lists (`.windowed .roster-row`), px.
pub const ROW_HEIGHT: f64 = 26.0;
/// The same in compact mode.
pub const ROW_HEIGHT_COMPACT: f64 = 22.0;

/// Everything a row shows, worded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowInfo {
    /// The presence key (`data-email`, and the row's key).
    pub email: String,
    /// The name to show (the email when no name is known).
    pub name: String,
    /// "(guest)" after a guest's name, in the viewer's language.
    pub guest: Option<&'static str>,
    /// The avatar to load: checked to be http(s) or a server path, and a server path
    /// made to go through the proxy ([`avatar_src`]).
    pub avatar_url: Option<String>,
    /// Up to two letters standing in for an avatar that is missing or fails to load.
    pub initials: String,
    /// The status.
    pub status: Status,
    /// The status in words, for screen readers.
    pub status_label: &'static str,
    /// Client names, space-separated, for `data-clients`.
    pub clients: String,
    /// Client kinds with their labels, for icons; `None` hides the icon column (when
    /// everyone is on the web app, icons say nothing).
    pub kinds: Option<Vec<(ClientKind, &'static str)>>,
    /// "Active now", "Active 5 minutes ago"…, and their local time, shown on hover.
    pub title: String,
    /// "14:05 local time", when their time zone is known (and `local-time` is on): in
    /// the tooltip, and read out after the name.
    pub local_time: Option<String>,
    /// (position, list size) when the list is windowed, for screen readers.
    pub position: Option<(usize, usize)>,
    /// A direct message with them in Zulip, and what the link says of itself ("Send Zoe
    /// a direct message in Zulip (new tab)"), when rows link ([`ListInput::org`]) and
    /// their user id is known.
    pub dm: Option<(String, String)>,
}

/// The list to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct ListInfo {
    /// The rows in the DOM, in order.
    pub rows: Vec<RowInfo>,
    /// Whether only part of the list is in the DOM (then padded to its whole height).
    pub windowed: bool,
    /// Padding above the rows (px).
    pub pad_top: f64,
    /// Padding below the rows (px).
    pub pad_bottom: f64,
    /// Shown instead of rows when nobody is listed ("No one matches").
    pub none: Option<&'static str>,
    /// Lines about who is not listed ("80 offline people not shown…").
    pub notes: Vec<String>,
}

/// What the list is drawn from.
#[derive(Clone, Copy)]
pub struct ListInput<'a> {
    /// Everyone.
    pub roster: &'a Roster,
    /// The search text.
    pub query: &'a str,
    /// The options.
    pub config: &'a Config,
    /// The words.
    pub locale: Locale<'a>,
    /// The server's clock now, for "last active".
    pub server_now: f64,
    /// The viewer's offset from UTC, seconds east.
    pub utc_offset_secs: i32,
    /// `scrollTop` of the list (px).
    pub scroll_top: f64,
    /// Height of the scroll box (px).
    pub viewport: f64,
    /// Whether long lists are windowed (off only for benchmarks).
    pub windowing: bool,
    /// Removes accents, for plain-ASCII search words (the browser's `normalize`).
    pub fold: Fold<'a>,
    /// The organization's URL when rows link into Zulip (`Widget::org_link`).
    pub org: Option<&'a str>,
}

impl ListInfo {
    /// The rows matching the search, worded; above 200 rows only those in view (plus a
    /// buffer), with `position` set so screen readers keep counting right.
    pub fn of(input: ListInput<'_>) -> ListInfo {
        let ListInput {
            roster,
            query,
            config,
            locale,
            server_now,
            utc_offset_secs,
            ..
        } = input;
        let search = Search::new(query);
        let listed = roster.rows(&search, config.show_offline, config.max_rows, input.fold);
        let w = locale.words;
        let total = listed.people.len();
        let row_height = if config.compact {
            ROW_HEIGHT_COMPACT
        } else {
            ROW_HEIGHT
        };
        let windowed = input.windowing && total > WINDOW_ABOVE;
        let win = if windowed {
            window(total, input.scroll_top, input.viewport, row_height)
        } else {
            Window {
                rows: 0..total,
                pad_top: 0.0,
                pad_bottom: 0.0,
            }
        };
        let show_icons = !roster.all_website();
        let rows = listed
            .people
            .get(win.rows.clone())
            .unwrap_or_default()
            .iter()
            .zip(win.rows.clone())
            .map(|(person, index)| {
                let local_time = person
                    .timezone
                    .as_deref()
                    .filter(|_| config.local_time)
                    .and_then(|zone| locale.formats.clock(server_now, zone))
                    .map(|time| fill(w.local_time, &[("time", &time)]));
                let last_active = person
                    .last_active(server_now, utc_offset_secs)
                    .describe(locale);
                RowInfo {
                    email: person.email.clone(),
                    name: person.display_name().to_owned(),
                    guest: person.guest.then_some(w.guest),
                    avatar_url: person
                        .avatar_url
                        .as_deref()
                        .map(|url| avatar_src(&config.proxy, url)),
                    initials: initials(person.display_name()),
                    status: person.status,
                    status_label: w.status(person.status),
                    clients: person.clients.join(" "),
                    kinds: show_icons.then(|| {
                        person
                            .client_kinds()
                            .into_iter()
                            .map(|k| (k, w.client(k)))
                            .collect()
                    }),
                    title: match &local_time {
                        Some(time) => format!("{last_active} · {time}"),
                        None => last_active,
                    },
                    local_time,
                    position: windowed.then_some((index + 1, total)),
                    dm: input.org.zip(person.user_id).map(|(org, id)| {
                        let name = person.display_name();
                        let says = fill(w.message_in_zulip, &[("name", name)]);
                        (dm_url(org, id, name), says)
                    }),
                }
            })
            .collect();
        let mut notes = Vec::new();
        if listed.hidden_offline > 0 {
            let search_hint = config.show_offline == ShowOffline::Auto && !config.compact;
            notes.push(crate::words::hidden_offline(
                listed.hidden_offline,
                search_hint,
                locale,
            ));
        }
        if listed.cut > 0 {
            notes.push(crate::words::not_listed(listed.cut, locale));
        }
        ListInfo {
            rows,
            windowed,
            pad_top: win.pad_top,
            pad_bottom: win.pad_bottom,
            none: (total == 0).then_some(if search.is_empty() {
                w.no_active
            } else {
                w.no_match
            }),
            notes,
        }
    }
}

/// The first letter of the first and of the last word of `name` ("Ada Lovelace": "AL"),
/// one for one word, the email's name part for an email. Letters as they are: the
/// stylesheet uppercases them (`text-transform`), since Unicode's case and letter tables
/// would cost every viewer kilobytes for two characters. ASCII punctuation and symbols
/// are skipped, so "(Ada)" or "-" give what a reader expects.
pub fn initials(name: &str) -> String {
    let name = name.split('@').next().unwrap_or(name);
    let first_letter = |word: &str| {
        word.chars()
            .find(|c| !c.is_ascii() || c.is_ascii_alphanumeric())
    };
    let words: Vec<&str> = name
        .split([' ', '\t', '\n', '.', '_', '-'])
        .filter(|w| first_letter(w).is_some())
        .collect();
    let letters = match words.as_slice() {
        [] => Vec::new(),
        [one] => vec![first_letter(one)],
        [first, .., last] => vec![first_letter(first), first_letter(last)],
    };
    letters.into_iter().flatten().collect()
}
