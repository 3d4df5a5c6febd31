//! The one avatar policy: which URLs from the network may become an `<img src>`, and
//! where the browser loads them from.

/// Zulip server paths avatars are served from (`zerver/lib/upload/local.py`, and
/// `zerver/lib/avatar.py` with Gravatar off): the only site paths an avatar may have.
pub const AVATAR_PATHS: [&str; 2] = ["/user_avatars/", "/static/images/"];

/// Whether an avatar URL from the network may go into an `<img src>`: over https, or one
/// of the Zulip server's avatar paths ([`AVATAR_PATHS`], loaded through the proxy). Never
/// `javascript:`, `data:` or plain `http:`, and never another path: `/logout?everywhere=1`
/// would make every viewer's browser send a request with the page's cookies.
///
/// Only ASCII whitespace is trimmed, as a browser's URL parser does; anything else in
/// front (U+2028, say) makes the URL unsafe. Backslashes and control characters are
/// refused outright: a browser reads `/\evil.example` and `/<tab>/evil.example` as
/// `//evil.example`, another site.
pub fn is_safe_image_url(url: &str) -> bool {
    safe_image_url(url).is_some()
}

/// `url` without its leading ASCII whitespace when [`is_safe_image_url`] says it is safe.
pub fn safe_image_url(url: &str) -> Option<&str> {
    if url.chars().any(|c| c == '\\' || c.is_control()) {
        return None;
    }
    let url = url.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let https = url
        .get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"));
    let avatar_path =
        AVATAR_PATHS.iter().any(|path| url.starts_with(path)) && !url.contains("/../");
    (https || avatar_path).then_some(url)
}

/// Where the browser loads an avatar from. Zulip sends server-relative URLs for
/// uploaded avatars (`/user_avatars/…`) and, with Gravatar off, the default one
/// (`/static/images/default-avatar.png`): those go to the server through the proxy,
/// never to the embedding page's own site. The rule: the proxy URL stands for the
/// server's `/api/v1`, so the server's root is the proxy URL without that ending
/// (`https://intranet.example/zulip/api/v1` → `https://intranet.example/zulip`). A
/// proxy URL that does not end in `/api/v1` is taken as the root itself. Absolute
/// URLs (Gravatar, S3) are used as they are.
pub fn avatar_src(proxy: &str, url: &str) -> String {
    if !url.starts_with('/') || url.starts_with("//") {
        return url.to_owned();
    }
    let root = proxy.strip_suffix("/api/v1").unwrap_or(proxy);
    format!("{root}{url}")
}
