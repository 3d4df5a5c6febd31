//! Links into Zulip: the organization, and a direct message with one person, in the URL
//! form Zulip's web app uses (`web/src/hash_util.ts` `pm_with_url`, `people.ts`
//! `emails_to_slug`: `#narrow/dm/{user_id}-{name}`).

/// The organization's URL from `/server_settings`, when a link may use it: `https://` or
/// `http://`, a host, nothing a browser would read another way (spaces, quotes, angle
/// brackets, backslashes, control characters, credentials), without its trailing `/`.
/// Anything else gives no links: the server's word is not enough to put a
/// `javascript:` URL under a visitor's click.
pub fn org_url(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split('/').next().unwrap_or_default();
    let refused =
        |c: char| c.is_control() || c.is_whitespace() || "\"'<>\\`{}|^".contains(c) || c == '@';
    if host.is_empty() || url.len() > 2000 || url.chars().any(refused) {
        return None;
    }
    Some(url.trim_end_matches('/'))
}

/// Zulip's characters replaced in a name's slug (`/[ "%/<>`\p{C}]+/gu`); `\p{C}` is
/// approximated by control characters and the invisible formatting ones.
fn slug_breaks(c: char) -> bool {
    " \"%/<>`".contains(c)
        || c.is_control()
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
}

/// A direct message with `user_id` (named `full_name`) in the organization at `org`
/// (checked by [`org_url`]).
///
/// # Example
///
/// ```
/// use presence_model::domain::dm_url;
///
/// assert_eq!(dm_url("https://chat.example", 9, "Othello, the Moor"), "https://chat.example/#narrow/dm/9-Othello,-the-Moor");
/// ```
pub fn dm_url(org: &str, user_id: i64, full_name: &str) -> String {
    let mut slug = String::with_capacity(full_name.len());
    let mut in_run = false;
    for c in full_name.chars() {
        let breaks = slug_breaks(c);
        match (breaks, in_run) {
            (false, _) => slug.push(c),
            (true, false) => slug.push('-'),
            (true, true) => {}
        }
        in_run = breaks;
    }
    format!("{org}/#narrow/dm/{user_id}-{slug}")
}
