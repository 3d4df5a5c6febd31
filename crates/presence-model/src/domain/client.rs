//! Client names, grouped into the kinds the roster has icons for.

/// The kind of app a presence entry came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClientKind {
    /// `website` (on 7.0+ every entry says this, whatever the app).
    Web,
    /// `ZulipElectron`, `ZulipDesktop`.
    Desktop,
    /// `ZulipMobile`, `ZulipiOS`, `ZulipAndroid`.
    Mobile,
    /// `ZulipTerminal`.
    Terminal,
    /// `ZulipPython`: API bindings, bots and scripts.
    Api,
    /// Anything else (integrations such as `ZulipNagios`, future apps).
    Unknown,
}

impl ClientKind {
    /// Classifies a client name as sent in presence.
    pub fn of(name: &str) -> Self {
        match name {
            "website" => ClientKind::Web,
            "ZulipElectron" | "ZulipDesktop" => ClientKind::Desktop,
            "ZulipMobile" | "ZulipiOS" | "ZulipAndroid" => ClientKind::Mobile,
            "ZulipTerminal" => ClientKind::Terminal,
            "ZulipPython" => ClientKind::Api,
            _ => ClientKind::Unknown,
        }
    }

    /// A stable lowercase name, for file names and CSS hooks.
    pub fn slug(self) -> &'static str {
        match self {
            ClientKind::Web => "web",
            ClientKind::Desktop => "desktop",
            ClientKind::Mobile => "mobile",
            ClientKind::Terminal => "terminal",
            ClientKind::Api => "api",
            ClientKind::Unknown => "unknown",
        }
    }
}
