//! Options: defaults, every spelling, and a clear error for each wrong value.

use presence_model::domain::avatar_src;
use presence_model::{Config, Names, ShowOffline, Theme};

fn parse(pairs: &[(&str, &str)]) -> Result<Config, String> {
    Config::from_pairs(pairs.iter().copied(), Some("/api/v1")).map_err(|e| e.to_string())
}

#[test]
fn defaults() {
    let config = parse(&[]).unwrap();
    assert_eq!(config, Config::with_proxy("/api/v1"));
    assert_eq!(
        (
            config.refresh_secs,
            config.offline_threshold_secs,
            config.timeout_secs
        ),
        (60, None, 20)
    );
    assert_eq!(
        (config.names, config.show_offline, config.theme),
        (Names::Auto, ShowOffline::Auto, Theme::Auto)
    );
    assert_eq!(config.presence_url(), "/api/v1/realm/presence");
    assert_eq!(config.users_url(), "/api/v1/users?client_gravatar=false");
}

#[test]
fn every_option() {
    let config = parse(&[
        ("proxy", "https://intranet.example/zulip-proxy/"),
        ("refresh", "30"),
        ("offline-threshold", "200"),
        ("timeout", "5"),
        ("names", "off"),
        ("show-offline", "none"),
        ("max-rows", "50"),
        ("theme", "dark"),
        ("lang", "pt-BR"),
        ("utm_source", "newsletter"),
    ])
    .unwrap();
    assert_eq!(config.proxy, "https://intranet.example/zulip-proxy");
    assert_eq!(
        (
            config.refresh_secs,
            config.offline_threshold_secs,
            config.timeout_secs
        ),
        (30, Some(200), 5)
    );
    assert_eq!(
        (config.names, config.show_offline, config.max_rows),
        (Names::Off, ShowOffline::None, Some(50))
    );
    assert_eq!(
        (config.theme, config.lang.as_deref()),
        (Theme::Dark, Some("pt-BR"))
    );
    assert_eq!(
        parse(&[("show-offline", "all")]).unwrap().show_offline,
        ShowOffline::All
    );
    assert_eq!(parse(&[("refresh", "1")]).unwrap().refresh_secs, 1);
    assert_eq!(
        parse(&[("refresh", " ")]).unwrap().refresh_secs,
        60,
        "blank is absent"
    );
}

#[test]
fn wrong_values_say_what_is_expected() {
    let table = [
        (("refresh", "0"), "The setting refresh = \"0\" is not valid: expected a whole number of seconds from 1 to 86400."),
        (("refresh", "soon"), "The setting refresh = \"soon\" is not valid: expected a whole number of seconds from 1 to 86400."),
        (("offline-threshold", "-5"), "The setting offline-threshold = \"-5\" is not valid: expected a whole number of seconds from 1 to 86400."),
        (("names", "yes"), "The setting names = \"yes\" is not valid: expected auto or off."),
        (("show-offline", "some"), "The setting show-offline = \"some\" is not valid: expected auto, all or none."),
        (("refresh", "3000000"), "The setting refresh = \"3000000\" is not valid: expected a whole number of seconds from 1 to 86400."),
        (("timeout", "601"), "The setting timeout = \"601\" is not valid: expected a whole number of seconds from 1 to 600."),
        (("max-rows", "0"), "The setting max-rows = \"0\" is not valid: expected a whole number of rows, 1 or more."),
        (("theme", "neon"), "The setting theme = \"neon\" is not valid: expected auto, light or dark."),
        (("lang", "en_US!"), "The setting lang = \"en_US!\" is not valid: expected a language tag such as en or pt-BR."),
    ];
    for ((name, value), message) in table {
        assert_eq!(parse(&[(name, value)]).unwrap_err(), message);
    }
}

#[test]
fn the_proxy_is_required_and_must_be_a_url_or_path() {
    let missing = Config::from_pairs([("refresh", "30")], None).unwrap_err();
    assert_eq!(missing.option, "proxy");
    assert!(
        missing
            .to_string()
            .starts_with("The setting proxy is missing"),
        "{missing}"
    );
    for good in [
        "/api/v1",
        "http://127.0.0.1:9991/api/v1",
        "HTTPS://zulip.example/api/v1/",
    ] {
        assert!(parse(&[("proxy", good)]).is_ok(), "{good}");
    }
    for bad in [
        "javascript:alert(1)",
        "data:application/json,{}",
        "/api/v1?key=x",
        "/api#v1",
        "https://",
        "ftp://x/api",
        "/api v1",
        // Another site written like a path, and page-relative paths (issue 13).
        "//evil.example/api/v1",
        "api/v1",
        "../api/v1",
        "https:///evil.example/api/v1",
    ] {
        let err = parse(&[("proxy", bad)]).unwrap_err();
        assert!(err.starts_with("The setting proxy = "), "{bad}: {err}");
    }
}

#[test]
fn compact_palette_and_js_option_names() {
    use presence_model::domain::{attribute_name, camel_case, check_option_name, OPTION_NAMES};
    use presence_model::Palette;
    assert!(
        parse(&[("compact", "")]).unwrap().compact,
        "a bare attribute turns it on"
    );
    assert!(!parse(&[("compact", "false")]).unwrap().compact);
    assert!(!parse(&[]).unwrap().compact);
    assert_eq!(
        parse(&[("palette", "colorblind")]).unwrap().palette,
        Palette::Colorblind
    );
    assert!(parse(&[("palette", "rainbow")]).is_err());
    assert_eq!(attribute_name("offlineThreshold"), "offline-threshold");
    assert_eq!(camel_case("offline-threshold"), "offlineThreshold");
    for name in OPTION_NAMES {
        assert_eq!(attribute_name(&camel_case(name)), name, "round trip");
    }
    assert_eq!(check_option_name("maxRows").unwrap(), "max-rows");
    assert_eq!(check_option_name("showOffline").unwrap(), "show-offline");
    let err = check_option_name("refreshRate").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("Unknown option \"refreshRate\": expected a known option"),
        "{err}"
    );
    assert!(
        check_option_name("max-rows").is_err(),
        "the JS API is camelCase"
    );
}

/// Relative avatar URLs are the Zulip server's (`zerver/lib/upload/local.py`
/// `get_avatar_url`, `zerver/lib/avatar.py` with Gravatar off), so they load through the
/// proxy: the proxy URL stands for the server's `/api/v1`.
#[test]
fn relative_avatars_load_from_the_server_through_the_proxy() {
    let table = [
        (
            "/api/v1",
            "/user_avatars/2/ab12.png?version=2",
            "/user_avatars/2/ab12.png?version=2",
        ),
        (
            "/zulip-roster/api/v1",
            "/user_avatars/2/ab12.png?version=2",
            "/zulip-roster/user_avatars/2/ab12.png?version=2",
        ),
        (
            "https://intranet.example/zulip/api/v1",
            "/static/images/default-avatar.png?version=1",
            "https://intranet.example/zulip/static/images/default-avatar.png?version=1",
        ),
        (
            "https://proxy.example/roster",
            "/user_avatars/2/ab12.png",
            "https://proxy.example/roster/user_avatars/2/ab12.png",
        ),
        // `//host` is another site, not a server path (Directory drops it before this).
        ("/api/v1", "//evil.example/a.png", "//evil.example/a.png"),
        (
            "/zulip-roster/api/v1",
            "https://secure.gravatar.com/avatar/ab12?d=identicon&version=1",
            "https://secure.gravatar.com/avatar/ab12?d=identicon&version=1",
        ),
    ];
    for (proxy, url, src) in table {
        assert_eq!(
            avatar_src(&Config::with_proxy(proxy).proxy, url),
            src,
            "{proxy} {url}"
        );
    }
}
