//! The roster: presence joined with names, sorted, counted, filtered and compared.
//!
//! A [`Roster`] is built once per poll and re-aged in place as the clock moves
//! ([`Roster::reage`]); nothing here knows about the DOM, so the whole ranking is tested
//! natively.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::domain::ageing::{regroup, Schedule};
use crate::domain::changes::RosterDiff;
use crate::domain::changes::StatusChange;
use crate::domain::counts::Counts;
use crate::domain::directory::Directory;
use crate::domain::directory::Profile;
use crate::domain::person::Person;
use crate::domain::person::SearchCache;
use crate::domain::ranking::ranks_by;
use crate::domain::{Fold, Search};
use crate::domain::{PresenceTimes, Status};
use crate::protocol::{ClientName, RealmPresence, UserPresence};

/// Everyone in a presence answer, sorted: active, idle, offline, then by name.
///
/// People are stored once, in the order of the first build, and listed through three
/// lists of storage indices, one per status, each in name order: a status change moves
/// an index from one list to another instead of re-sorting 50,000 people.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub(crate) people: Vec<Person>,
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
                user_id: profile.map(|p| p.user_id),
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
    pub(crate) fn in_status(&self, status: Status) -> impl Iterator<Item = &Person> + '_ {
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

    /// The people `search` finds, by Zulip's rules ([`crate::domain`]), in roster order;
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
