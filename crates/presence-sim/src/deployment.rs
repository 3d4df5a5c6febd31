//! What a real Zulip deployment sends that a tidy test organization does not: avatar URLs
//! in Zulip's three forms, bots, deactivated members, guests, members with no presence,
//! presence for accounts `/users` does not list, and dummy emails.
//!
//! Each variant follows Zulip's code (cited at each item) and is chosen on the command
//! line, so the widget's tests and the demo meet what self-hosted servers send.

use std::str::FromStr;

/// The organization's id in avatar paths (`/user_avatars/<realm_id>/…`).
pub const REALM_ID: i64 = 2;

/// Where avatar URLs point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AvatarForm {
    /// The simulator's own generated SVGs, absolute (`{public-url}/avatar/<id>.svg`): for
    /// a simulator reached over https (the widget loads no plain-http avatar).
    Generated,
    /// Uploaded, stored locally (the default): relative (`zerver/lib/upload/local.py` `get_avatar_url`:
    /// `/user_avatars/<realm_id>/<hash>.png`, plus `?version=N` from
    /// `zerver/lib/avatar.py` `get_avatar_field`).
    #[default]
    Uploaded,
    /// Gravatar turned off: Zulip's default avatar, relative
    /// (`staticfiles_storage.url("images/default-avatar.png")`).
    Default,
    /// Gravatar: absolute (`https://secure.gravatar.com/avatar/<hash>?d=identicon`), and
    /// unreachable from an intranet without Internet access, as from these tests.
    Gravatar,
    /// A third each of uploaded, default and Gravatar, by user id.
    Mixed,
}

impl FromStr for AvatarForm {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "generated" => Ok(AvatarForm::Generated),
            "uploaded" => Ok(AvatarForm::Uploaded),
            "default" => Ok(AvatarForm::Default),
            "gravatar" => Ok(AvatarForm::Gravatar),
            "mixed" => Ok(AvatarForm::Mixed),
            other => Err(format!(
                "unknown avatar form {other:?}: use generated, uploaded, default, gravatar or mixed"
            )),
        }
    }
}

/// The deployment's shape: which of a real server's variants the simulator sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Deployment {
    /// Avatar URLs.
    pub avatars: AvatarForm,
    /// Bots, deactivated members, guests, members without presence and presence for
    /// accounts `/users` does not list.
    pub extras: bool,
    /// Emails hidden as with restricted email visibility: `user<id>@<host>` both in
    /// `/users` and as presence keys (`zerver/models/users.py` `get_fake_email_domain`).
    pub dummy_emails: bool,
}

impl Deployment {
    /// A self-hosted server as many run: local uploads, Gravatar for some, the default
    /// avatar for others, and every kind of member.
    pub fn self_hosted() -> Self {
        Deployment {
            avatars: AvatarForm::Mixed,
            extras: true,
            dummy_emails: false,
        }
    }

    /// The avatar URL of user `id` (`avatar_base` for generated ones).
    pub fn avatar_url(&self, id: i64, avatar_base: &str) -> String {
        let form = match self.avatars {
            AvatarForm::Mixed => match id % 3 {
                0 => AvatarForm::Uploaded,
                1 => AvatarForm::Default,
                _ => AvatarForm::Gravatar,
            },
            form => form,
        };
        match form {
            AvatarForm::Generated | AvatarForm::Mixed => format!("{avatar_base}/avatar/{id}.svg"),
            AvatarForm::Uploaded => {
                format!("/user_avatars/{REALM_ID}/{}.png?version=2", upload_hash(id))
            }
            AvatarForm::Default => "/static/images/default-avatar.png?version=1".to_owned(),
            AvatarForm::Gravatar => format!(
                "https://secure.gravatar.com/avatar/{}?d=identicon&version=1",
                upload_hash(id)
            ),
        }
    }
}

/// A stable 40-hex-digit name for user `id`'s avatar file (Zulip's is a salted SHA-1).
pub fn upload_hash(id: i64) -> String {
    let mixed = (id as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(17);
    format!("{id:08x}{mixed:016x}{:016x}", mixed ^ 0x5A5A_5A5A_5A5A_5A5A)
}

/// The user id an uploaded avatar's file name stands for.
pub fn id_of_upload(file: &str) -> Option<i64> {
    let hash = file.strip_suffix(".png")?;
    let id = i64::from_str_radix(hash.get(..8)?, 16).ok()?;
    (upload_hash(id) == hash).then_some(id)
}

/// Which kind of member user number `index` is, with extras on (deterministic).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A member (the first is the organization's owner).
    Member,
    /// A guest: `role` 600 and `is_guest` (`UserProfile.ROLE_GUEST`).
    Guest,
    /// Deactivated: in `/users` with `is_active: false`, never in presence (realm presence
    /// only has active users, `zerver/lib/presence.py`).
    Deactivated,
    /// Active, but not connected in the presence window: in `/users`, not in presence.
    NoPresence,
}

impl Kind {
    /// Member number `index`'s kind.
    pub fn of(index: usize, extras: bool) -> Kind {
        if !extras || index == 0 {
            return Kind::Member;
        }
        match index {
            i if i % 13 == 5 => Kind::Deactivated,
            i if i % 11 == 7 => Kind::NoPresence,
            i if i % 7 == 3 => Kind::Guest,
            _ => Kind::Member,
        }
    }

    /// Whether realm presence lists them.
    pub fn has_presence(self) -> bool {
        matches!(self, Kind::Member | Kind::Guest)
    }
}

/// Presence keys `/users` does not list, with extras on: accounts the proxy's bot cannot
/// see (limited guest access, `zerver/lib/users.py` `get_accessible_user_ids`), which
/// Zulip's buddy list skips.
pub const STRANGERS: [&str; 2] = ["not-listed-1@zulip.example", "not-listed-2@zulip.example"];

/// Bots `/users` lists, with extras on, besides the proxy's own: they never have presence.
pub const BOTS: [(&str, &str); 2] = [
    ("welcome-bot@zulip.example", "Welcome Bot"),
    ("notification-bot@zulip.example", "Notification Bot"),
];
