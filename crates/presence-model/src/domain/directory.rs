//! The directory: who is who, from `GET /users`.

use crate::domain::avatar::safe_image_url;
use crate::domain::ranking::NameRanking;
use crate::protocol::users::Member;
use std::collections::HashMap;

/// Who Zulip's buddy list would list, with names and avatars, by email, from `GET /users`:
/// active humans only (`web/src/buddy_data.ts` `filter_user_ids`: never bots, never
/// deactivated users).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Directory {
    pub(crate) by_email: HashMap<String, Profile>,
    /// Whether every profile's [`Profile::rank`] is set ([`Directory::rank`]): then a
    /// roster built with this directory takes its order from them, so a poll does not
    /// rank every name again (at 10,000 people, a quarter of a poll's work).
    pub(crate) ranked: bool,
}

/// What the directory knows of one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// Zulip's user id: how groups and channels name them.
    pub user_id: i64,
    /// Their IANA time zone, empty when unknown.
    pub timezone: String,
    /// Their full name.
    pub full_name: String,
    /// Their avatar, when the server gave one.
    pub avatar_url: Option<String>,
    /// A guest: shown with "(guest)" after the name.
    pub guest: bool,
    /// The position of `full_name` among the directory's names in the viewer's order
    /// (equal names sharing one), once [`Directory::rank`] has run; 0 before.
    pub rank: u32,
}

impl Directory {
    /// Indexes the members Zulip would list ([`Member::listed`]) by email.
    pub fn new(members: impl IntoIterator<Item = Member>) -> Self {
        let by_email = members
            .into_iter()
            .filter(Member::listed)
            .map(|m| {
                let profile = Profile {
                    guest: m.guest(),
                    user_id: m.user_id,
                    timezone: m.timezone,
                    full_name: m.full_name,
                    avatar_url: m
                        .avatar_url
                        .as_deref()
                        .and_then(safe_image_url)
                        .map(str::to_owned),
                    rank: 0,
                };
                (m.email, profile)
            })
            .collect();
        Directory {
            by_email,
            ranked: false,
        }
    }

    /// Ranks every name by `rank` (the viewer's order), once per directory and language,
    /// for every roster built with it.
    pub fn rank(&mut self, rank: &NameRanking) {
        let names: Vec<&str> = self
            .by_email
            .values()
            .map(|p| p.full_name.as_str())
            .collect();
        let ranks = rank(&names);
        for (profile, rank) in self.by_email.values_mut().zip(ranks) {
            profile.rank = rank;
        }
        self.ranked = true;
    }

    /// The same directory limited to the people in `members` (sorted user ids): a team
    /// roster's. Ranks are kept, so it sorts exactly as the whole directory did.
    pub fn only(&self, members: &[i64]) -> Directory {
        Directory {
            by_email: self
                .by_email
                .iter()
                .filter(|(_, p)| members.binary_search(&p.user_id).is_ok())
                .map(|(email, p)| (email.clone(), p.clone()))
                .collect(),
            ranked: self.ranked,
        }
    }

    /// The profile for an email, if any.
    pub fn get(&self, email: &str) -> Option<&Profile> {
        self.by_email.get(email)
    }

    /// How many people it knows.
    pub fn len(&self) -> usize {
        self.by_email.len()
    }

    /// Whether it knows nobody.
    pub fn is_empty(&self) -> bool {
        self.by_email.is_empty()
    }
}
