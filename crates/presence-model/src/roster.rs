//! The roster: presence joined with names, sorted, counted, filtered and compared.
//!
//! A [`Roster`] is built once per poll and re-aged in place as the clock moves
//! ([`Roster::reage`]); nothing here knows about the DOM, so the whole ranking is tested
//! natively.

use std::cell::OnceCell;
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

use crate::ageing::{regroup, Schedule};
use crate::client::ClientKind;
use crate::config::ShowOffline;
use crate::search::{Fold, Search, SearchKey};
use crate::status::{PresenceTimes, Status};
use crate::wire::{ClientName, Member, RealmPresence, UserPresence};
use crate::wording::LastActive;

/// Who Zulip's buddy list would list, with names and avatars, by email, from `GET /users`:
/// active humans only (`web/src/buddy_data.ts` `filter_user_ids`: never bots, never
/// deactivated users).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Directory {
    by_email: HashMap<String, Profile>,
    /// Whether every profile's [`Profile::rank`] is set ([`Directory::rank`]): then a
    /// roster built with this directory takes its order from them, so a poll does not
    /// rank every name again (at 10,000 people, a quarter of a poll's work).
    ranked: bool,
}

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

/// A person's search key, made on first use. It is derived from the person, so two
/// people are equal whether or not theirs has been made yet.
#[derive(Debug, Clone, Default)]
struct SearchCache(OnceCell<SearchKey>);

impl PartialEq for SearchCache {
    fn eq(&self, _: &SearchCache) -> bool {
        true
    }
}

impl Eq for SearchCache {}

/// One row of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The presence key: the user's API email.
    pub email: String,
    /// Their full name, when the directory knows it.
    pub name: Option<String>,
    /// Their avatar, when the directory has one.
    pub avatar_url: Option<String>,
    /// A guest, by the directory.
    pub guest: bool,
    /// Their IANA time zone, when they set one.
    pub timezone: Option<String>,
    /// Client names they have entries for, `aggregated` excluded, in name order.
    pub clients: Vec<ClientName>,
    /// The timestamps their status is derived from.
    pub times: PresenceTimes,
    /// Their status at the roster's last (re-)ageing.
    pub status: Status,
    /// Lowercased name and email, computed at the first search and kept, so typing into
    /// the search box over 50k rows allocates nothing after the first key, and a roster
    /// nobody searches never pays for it (10,000 allocations per poll at 10k).
    search_key: SearchCache,
    /// Position of the display name in name order (equal names share a rank), computed
    /// once per build so re-sorting as statuses change compares integers, not names.
    rank: u32,
}

impl Person {
    /// The name to show: the full name, or the email when no name is known.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.email)
    }

    /// The kinds of app they are on, each once, in [`ClientKind`] order.
    pub fn client_kinds(&self) -> Vec<ClientKind> {
        let kinds: BTreeSet<ClientKind> = self.clients.iter().map(|c| ClientKind::of(c)).collect();
        kinds.into_iter().collect()
    }

    /// "Last active" at server time `now`.
    pub fn last_active(&self, now: f64, utc_offset_secs: i32) -> LastActive {
        LastActive::of(&self.times, self.status, now, utc_offset_secs)
    }

    /// Whether a row for `other` would look the same as one for `self`: the same person,
    /// name, avatar, apps and status, and for offline people the same "last active".
    /// Newer timestamps alone (an active user pinging again) change nothing on screen.
    pub fn same_view(&self, other: &Person) -> bool {
        self.email == other.email
            && self.name == other.name
            && self.guest == other.guest
            && self.avatar_url == other.avatar_url
            && self.clients == other.clients
            && self.status == other.status
            && (self.status != Status::Offline
                || self.times.last_seen(self.status) == other.times.last_seen(other.status))
    }

    /// Whether `search` finds them (Zulip's rules, [`crate::search`]).
    fn matches(&self, search: &Search, fold: Fold<'_>) -> bool {
        let key = self
            .search_key
            .0
            .get_or_init(|| SearchKey::new(self.name.as_deref(), &self.email, fold));
        search.matches(key)
    }
}

/// How many people are in each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Active people.
    pub active: usize,
    /// Idle people.
    pub idle: usize,
    /// Offline people.
    pub offline: usize,
}

impl Counts {
    /// Everyone.
    pub fn total(&self) -> usize {
        self.active + self.idle + self.offline
    }
}

/// A ranking of names: `rank(names)[i]` is the position of `names[i]` in name order
/// (equal names share one). The one name-ordering type: a locale collator in the browser,
/// [`default_ranking`] natively.
pub type NameRanking = dyn Fn(&[&str]) -> Vec<u32>;

/// The default order as a ranking, for callers without a collator.
pub fn default_ranking(names: &[&str]) -> Vec<u32> {
    ranks_by(names, default_name_order)
}

/// The default name order: case-insensitive, then exact. The browser passes a locale
/// collator instead (`Intl.Collator`), which orders "Émile" beside "Emma".
pub fn default_name_order(a: &str, b: &str) -> Ordering {
    // Allocation-free: this runs n·log n times per roster (140,000 times at 10k people).
    fn lower(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars().flat_map(char::to_lowercase)
    }
    let folded = if a.is_ascii() && b.is_ascii() {
        a.bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
    } else {
        lower(a).cmp(lower(b))
    };
    folded.then_with(|| a.cmp(b))
}

/// Ranks `names` by `order`: `result[i]` is the position of `names[i]`, names that
/// compare equal sharing a rank (so the email breaks their tie).
pub fn ranks_by(names: &[&str], order: impl Fn(&str, &str) -> Ordering) -> Vec<u32> {
    let mut sorted: Vec<u32> = (0..names.len() as u32).collect();
    sorted.sort_by(|&a, &b| order(names[a as usize], names[b as usize]));
    let mut ranks = vec![0; names.len()];
    let mut rank = 0;
    for (position, &index) in sorted.iter().enumerate() {
        if position > 0
            && order(names[sorted[position - 1] as usize], names[index as usize]) != Ordering::Equal
        {
            rank = position as u32;
        }
        ranks[index as usize] = rank;
    }
    ranks
}

/// Everyone in a presence answer, sorted: active, idle, offline, then by name.
///
/// People are stored once, in the order of the first build, and listed through three
/// lists of storage indices, one per status, each in name order: a status change moves
/// an index from one list to another instead of re-sorting 50,000 people.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    people: Vec<Person>,
    /// Storage indices by status (`Status as usize`), each list in [`Roster::order`].
    listed: [Vec<u32>; 3],
    all_website: bool,
    /// The answer's `server_timestamp`.
    answered_at: f64,
    /// When each person's status next changes.
    schedule: Schedule,
}

/// Rosters are equal when they list the same people in the same order; how they are
/// stored and when they next age are caches.
impl PartialEq for Roster {
    fn eq(&self, other: &Roster) -> bool {
        self.all_website == other.all_website
            && self.answered_at == other.answered_at
            && self.people().eq(other.people())
    }
}

impl Roster {
    /// Builds the roster from a presence answer and an optional directory, with statuses
    /// as of server time `now`, names ordered by `name_order`.
    pub fn build(
        presence: &RealmPresence,
        directory: Option<&Directory>,
        now: f64,
        threshold_secs: u32,
        name_order: impl Fn(&str, &str) -> Ordering,
    ) -> Self {
        Self::build_ranked(
            presence,
            directory,
            now,
            threshold_secs,
            &|names: &[&str]| ranks_by(names, &name_order),
        )
    }

    /// Like [`Roster::build`], with the name order given as a ranking of all names at
    /// once: `rank(names)[i]` is the position of `names[i]`, equal names sharing one. The
    /// browser ranks in one call to JavaScript (`Array.prototype.sort` with an
    /// `Intl.Collator`) instead of one call per comparison.
    pub fn build_ranked(
        presence: &RealmPresence,
        directory: Option<&Directory>,
        now: f64,
        threshold_secs: u32,
        rank: &dyn Fn(&[&str]) -> Vec<u32>,
    ) -> Self {
        let answered_at = presence.server_timestamp;
        let person = |email: &str, user: Option<&UserPresence>, profile: Option<&Profile>| {
            let clients: Vec<ClientName> = user
                .map(|u| u.clients().map(|(name, _)| name.clone()).collect())
                .unwrap_or_default();
            let times = user.map(PresenceTimes::of).unwrap_or_default();
            Person {
                email: email.to_owned(),
                name: profile.map(|p| p.full_name.clone()),
                avatar_url: profile.and_then(|p| p.avatar_url.clone()),
                guest: profile.is_some_and(|p| p.guest),
                timezone: profile
                    .filter(|p| !p.timezone.is_empty())
                    .map(|p| p.timezone.clone()),
                clients,
                times,
                status: held(&times, now, answered_at, threshold_secs),
                search_key: SearchCache::default(),
                rank: profile.map_or(0, |p| p.rank),
            }
        };
        let mut people: Vec<Person> = match directory {
            // Names on: everyone Zulip's buddy list would list, with or without presence
            // in the window; presence for accounts the directory does not list (bots,
            // deactivated users, people the proxy's account cannot see) is skipped, as
            // in `buddy_data.ts` `filter_user_ids`.
            Some(directory) => directory
                .by_email
                .iter()
                .map(|(email, profile)| person(email, presence.presences.get(email), Some(profile)))
                .collect(),
            // No names (off, or not loaded yet): whoever has presence, by email.
            None => presence
                .presences
                .iter()
                .map(|(email, user)| person(email, Some(user), None))
                .collect(),
        };
        let all_website = people
            .iter()
            .all(|p| p.clients.iter().all(|c| c.as_str() == "website"));
        // With a ranked directory everyone listed is in it, so its ranks are theirs.
        if !directory.is_some_and(|d| d.ranked) {
            let names: Vec<&str> = people.iter().map(Person::display_name).collect();
            let ranks = rank(&names);
            for (person, rank) in people.iter_mut().zip(ranks) {
                person.rank = rank;
            }
        }
        let mut listed: [Vec<u32>; 3] = Default::default();
        for (id, person) in people.iter().enumerate() {
            listed[person.status as usize].push(id as u32);
        }
        for list in &mut listed {
            sort_ids(list, &people);
        }
        let schedule = Schedule::new(
            people.iter().map(|p| &p.times),
            now,
            answered_at,
            threshold_secs,
        );
        Roster {
            people,
            listed,
            all_website,
            answered_at,
            schedule,
        }
    }

    /// Re-derives, at server time `now`, the statuses of everyone whose next change is due
    /// (everyone, when the threshold changed or the clock went back), and re-lists whoever
    /// changed. Returns whether anything changed, so a caller can skip re-rendering.
    pub fn reage(&mut self, now: f64, threshold_secs: u32) -> bool {
        !self.reage_changes(now, threshold_secs).is_empty()
    }

    /// Like [`Roster::reage`], returning who changed (in the old order).
    pub fn reage_changes(&mut self, now: f64, threshold_secs: u32) -> Vec<StatusChange> {
        if !self.schedule.can_age(now, threshold_secs) {
            return self.reage_everyone(now, threshold_secs);
        }
        let mut moved: Vec<(u32, Status)> = Vec::new();
        for id in self.schedule.due_by(now) {
            let person = &mut self.people[id as usize];
            if let Some(was) = rederive(person, now, self.answered_at, threshold_secs) {
                moved.push((id, was));
            }
            self.schedule.again(id, &person.times, self.answered_at);
        }
        self.relist(moved)
    }

    /// Re-derives everyone at `now` (the threshold changed, or the clock went back).
    fn reage_everyone(&mut self, now: f64, threshold_secs: u32) -> Vec<StatusChange> {
        let mut moved = Vec::new();
        for (id, person) in self.people.iter_mut().enumerate() {
            if let Some(was) = rederive(person, now, self.answered_at, threshold_secs) {
                moved.push((id as u32, was));
            }
        }
        self.schedule = Schedule::new(
            self.people.iter().map(|p| &p.times),
            now,
            self.answered_at,
            threshold_secs,
        );
        self.relist(moved)
    }

    /// Moves the people in `moved` (storage index, old status) to their new status's
    /// list, and says who changed, in the old order.
    fn relist(&mut self, moved: Vec<(u32, Status)>) -> Vec<StatusChange> {
        if moved.len() * MANY_MOVERS > self.people.len() {
            return self.relist_everyone();
        }
        let people = &self.people;
        let mut leaving: [Vec<u32>; 3] = Default::default();
        let mut arriving: [Vec<u32>; 3] = Default::default();
        for &(id, was) in &moved {
            leaving[was as usize].push(id);
            arriving[people[id as usize].status as usize].push(id);
        }
        let mut changes = Vec::with_capacity(moved.len());
        for (((was, list), leaving), arriving) in STATUSES
            .into_iter()
            .zip(&mut self.listed)
            .zip(&mut leaving)
            .zip(&mut arriving)
        {
            sort_ids(leaving, people);
            sort_ids(arriving, people);
            regroup(list, leaving, arriving, by_order(people));
            changes.extend(leaving.iter().map(|&id| change(&people[id as usize], was)));
        }
        changes
    }

    /// [`Roster::relist`] for many movers (an answer turning a threshold old takes
    /// everyone still shown connected offline at once): one walk in the old order, then
    /// a sort of each list.
    fn relist_everyone(&mut self) -> Vec<StatusChange> {
        let people = &self.people;
        let mut changes = Vec::new();
        let mut listed: [Vec<u32>; 3] = Default::default();
        for (was, list) in STATUSES.into_iter().zip(&self.listed) {
            for &id in list {
                let person = &people[id as usize];
                if person.status != was {
                    changes.push(change(person, was));
                }
                listed[person.status as usize].push(id);
            }
        }
        for list in &mut listed {
            sort_ids(list, people);
        }
        self.listed = listed;
        changes
    }

    /// The order within one status: by name rank, then by email.
    fn order(a: &Person, b: &Person) -> Ordering {
        a.rank.cmp(&b.rank).then_with(|| a.email.cmp(&b.email))
    }

    /// Whether `other` would render exactly as `self` does (see [`Person::same_view`]).
    pub fn same_view(&self, other: &Roster) -> bool {
        self.all_website == other.all_website
            && self.len() == other.len()
            && self
                .people()
                .zip(other.people())
                .all(|(a, b)| a.same_view(b))
    }

    /// Everyone, in roster order.
    pub fn people(&self) -> People<'_> {
        People {
            roster: self,
            list: 0,
            at: 0,
        }
    }

    /// Everyone in `status`, in roster order.
    fn in_status(&self, status: Status) -> impl Iterator<Item = &Person> + '_ {
        self.listed[status as usize]
            .iter()
            .map(|&id| &self.people[id as usize])
    }

    /// How many people it lists.
    pub fn len(&self) -> usize {
        self.people.len()
    }

    /// Whether it lists nobody.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// One person by email.
    pub fn get(&self, email: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.email == email)
    }

    /// Counts over the whole roster (not only what a filter shows).
    pub fn counts(&self) -> Counts {
        Counts {
            active: self.listed[Status::Active as usize].len(),
            idle: self.listed[Status::Idle as usize].len(),
            offline: self.listed[Status::Offline as usize].len(),
        }
    }

    /// The people `search` finds, by Zulip's rules ([`crate::search`]), in roster order;
    /// `fold` removes accents for plain-ASCII search words. An empty search matches
    /// everyone.
    pub fn filter<'a: 's, 's>(
        &'a self,
        search: &'s Search,
        fold: Fold<'s>,
    ) -> impl Iterator<Item = &'a Person> + 's {
        self.people()
            .filter(move |p| search.is_empty() || p.matches(search, fold))
    }

    /// True when every client entry in the data is `website` (always so on Zulip 7.0+),
    /// so a column of identical "web" icons would say nothing.
    pub fn all_website(&self) -> bool {
        self.all_website
    }

    /// What changed from `self` (older) to `newer`.
    pub fn diff(&self, newer: &Roster) -> RosterDiff {
        let before: HashMap<&str, Status> = self
            .people
            .iter()
            .map(|p| (p.email.as_str(), p.status))
            .collect();
        let mut diff = RosterDiff::default();
        for person in newer.people() {
            let was = before.get(person.email.as_str()).copied();
            if was != Some(person.status) {
                diff.changes.push(StatusChange {
                    email: person.email.clone(),
                    from: was,
                    to: person.status,
                });
            }
        }
        let now_present: HashMap<&str, ()> = newer
            .people
            .iter()
            .map(|p| (p.email.as_str(), ()))
            .collect();
        diff.removed = self
            .people()
            .filter(|p| !now_present.contains_key(p.email.as_str()))
            .map(|p| p.email.clone())
            .collect();
        diff
    }
}

/// The status of `times` at server time `now`, from an answer made at `answered_at`: never
/// offline for someone the answer showed connected while the answer is younger than the
/// threshold.
///
/// Why: a client that stops interacting keeps pinging, but Zulip reports it `active` with
/// the old time until the 70-second rule flips it to `idle` with a fresh one (the legacy
/// format, `zerver/lib/presence.py`). Ageing that answer alone would take the person
/// offline before the next poll brings them back idle: a blink that is not news. Holding
/// them at idle means that someone who really left is shown offline by the next answer,
/// as Zulip's own buddy list does (it re-derives statuses only when presence arrives);
/// with no answer for a whole threshold (the proxy down), ageing takes over again.
fn held(times: &PresenceTimes, now: f64, answered_at: f64, threshold_secs: u32) -> Status {
    let aged = times.status(now, threshold_secs);
    let fresh = now - answered_at < f64::from(threshold_secs);
    if aged == Status::Offline
        && fresh
        && times.status(answered_at, threshold_secs) != Status::Offline
    {
        Status::Idle
    } else {
        aged
    }
}

/// Everyone in a roster, in roster order ([`Roster::people`]).
#[derive(Debug, Clone)]
pub struct People<'a> {
    roster: &'a Roster,
    list: usize,
    at: usize,
}

impl<'a> Iterator for People<'a> {
    type Item = &'a Person;

    fn next(&mut self) -> Option<&'a Person> {
        loop {
            let list = self.roster.listed.get(self.list)?;
            if let Some(&id) = list.get(self.at) {
                self.at += 1;
                return Some(&self.roster.people[id as usize]);
            }
            self.list += 1;
            self.at = 0;
        }
    }
}

/// The statuses in roster order, as [`Roster::listed`] is indexed.
const STATUSES: [Status; 3] = [Status::Active, Status::Idle, Status::Offline];

/// The order of storage indices into `people`: [`Roster::order`]. One closure type for
/// every sort and search of the lists, so the module carries one copy of each.
fn by_order(people: &[Person]) -> impl Fn(u32, u32) -> Ordering + Copy + '_ {
    move |a, b| Roster::order(&people[a as usize], &people[b as usize])
}

/// Sorts storage indices by [`Roster::order`].
fn sort_ids(ids: &mut [u32], people: &[Person]) {
    let order = by_order(people);
    ids.sort_unstable_by(|&a, &b| order(a, b));
}

/// Sets `person`'s status as [`held`] at `now`; their old status when it changed.
fn rederive(
    person: &mut Person,
    now: f64,
    answered_at: f64,
    threshold_secs: u32,
) -> Option<Status> {
    let status = held(&person.times, now, answered_at, threshold_secs);
    (status != person.status).then(|| std::mem::replace(&mut person.status, status))
}

/// `person` changed from `was` to their status now.
fn change(person: &Person, was: Status) -> StatusChange {
    StatusChange {
        email: person.email.clone(),
        from: Some(was),
        to: person.status,
    }
}

/// Above one mover in this many people, a tick re-lists everyone in one pass instead of
/// moving each mover (a binary search and a merge per mover and list).
const MANY_MOVERS: usize = 16;

/// With [`ShowOffline::Auto`], offline people are hidden above this many people (unless
/// the viewer is searching), as in Zulip's buddy list.
pub const AUTO_HIDE_OFFLINE_ABOVE: usize = 600;

/// The rows to render, and what was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Rows<'a> {
    /// The people to list, in roster order.
    pub people: Vec<&'a Person>,
    /// Matching offline people not listed because of the show-offline rule.
    pub hidden_offline: usize,
    /// Matching people not listed because of `max-rows`.
    pub cut: usize,
}

impl Roster {
    /// Who gets a row: those `search` finds (see [`Roster::filter`]), minus offline
    /// people when `show_offline` says so, at most `max_rows`.
    pub fn rows(
        &self,
        search: &Search,
        show_offline: ShowOffline,
        max_rows: Option<usize>,
        fold: Fold<'_>,
    ) -> Rows<'_> {
        let hide_offline = match show_offline {
            ShowOffline::All => false,
            ShowOffline::None => true,
            ShowOffline::Auto => self.people.len() > AUTO_HIDE_OFFLINE_ABOVE && search.is_empty(),
        };
        let mut people = Vec::new();
        let mut hidden_offline = 0;
        if hide_offline && search.is_empty() {
            // Everyone offline is hidden: count them, do not walk them (at 50,000 people
            // most of the roster, on every render).
            people.extend(
                self.in_status(Status::Active)
                    .chain(self.in_status(Status::Idle)),
            );
            hidden_offline = self.counts().offline;
        } else {
            for person in self.filter(search, fold) {
                if hide_offline && person.status == Status::Offline {
                    hidden_offline += 1;
                } else {
                    people.push(person);
                }
            }
        }
        let cut = match max_rows {
            Some(max) if people.len() > max => {
                let cut = people.len() - max;
                people.truncate(max);
                cut
            }
            _ => 0,
        };
        Rows {
            people,
            hidden_offline,
            cut,
        }
    }
}

/// One person whose status differs between two rosters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    /// Who.
    pub email: String,
    /// Their old status; `None` when they were not in the older roster.
    pub from: Option<Status>,
    /// Their new status.
    pub to: Status,
}

/// Changes counted for the next announcement. Counts, not the changes themselves: polls
/// can bring a thousand changes each between two announcements 30 seconds apart, and
/// keeping them all would grow memory with the poll rate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChangeTally {
    pub(crate) online: usize,
    pub(crate) idle: usize,
    pub(crate) offline: usize,
}

impl ChangeTally {
    /// Counts `changes` in.
    pub fn add(&mut self, changes: &[StatusChange]) {
        for c in changes {
            match (c.from, c.to) {
                (Some(Status::Active), Status::Active) => {}
                (_, Status::Active) => self.online += 1,
                (Some(Status::Active), Status::Idle) => self.idle += 1,
                (Some(Status::Active | Status::Idle), Status::Offline) => self.offline += 1,
                _ => {}
            }
        }
    }

    /// Nothing worth saying has been counted.
    pub fn is_empty(&self) -> bool {
        *self == ChangeTally::default()
    }
}

/// The difference between two rosters, in the newer roster's order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RosterDiff {
    /// Everyone whose status changed or who is new.
    pub changes: Vec<StatusChange>,
    /// Everyone no longer in the answer (not seen for two weeks, or deactivated).
    pub removed: Vec<String>,
}

impl RosterDiff {
    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.removed.is_empty()
    }

    /// People now active who were not (idle, offline or absent before).
    pub fn came_online(&self) -> impl Iterator<Item = &str> {
        self.emails(|c| c.to == Status::Active)
    }

    /// People now idle who were active.
    pub fn went_idle(&self) -> impl Iterator<Item = &str> {
        self.emails(|c| c.to == Status::Idle && c.from == Some(Status::Active))
    }

    /// People now offline who were active or idle.
    pub fn went_offline(&self) -> impl Iterator<Item = &str> {
        self.emails(|c| {
            c.to == Status::Offline && matches!(c.from, Some(Status::Active | Status::Idle))
        })
    }

    fn emails(&self, keep: impl Fn(&StatusChange) -> bool) -> impl Iterator<Item = &str> {
        self.changes
            .iter()
            .filter(move |c| keep(c))
            .map(|c| c.email.as_str())
    }
}
