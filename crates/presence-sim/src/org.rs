//! The simulated organization: people whose clients ping every 60 s, who come online, go
//! idle and leave, deterministically from a seed.
//!
//! The simulation is event-driven per user (next ping, next arrival), and each user draws
//! from their own ChaCha stream, so the state at a given second depends only on the seed,
//! the start time and that second — not on when or how often the server was asked.

use std::collections::BTreeMap;
use std::str::FromStr;

use presence_model::{
    ClientEntries, ClientName, ClientPresence, Member, Privacy, RealmPresence, ReportedStatus,
    UserPresence,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::deployment::{Deployment, Kind, BOTS, STRANGERS};
use crate::names;

/// Seconds between two pings of a connected client (`server_presence_ping_interval_seconds`).
pub const PING_INTERVAL: i64 = 60;
/// Zulip 8.0+'s legacy rule: `active` when the last active report is within this many
/// seconds of the last connection (`PRESENCE_LEGACY_EVENT_OFFSET_FOR_ACTIVITY_SECONDS`).
pub const LEGACY_ACTIVE_OFFSET: i64 = 70;
/// Realm presence lists people connected in the last two weeks.
pub const PRESENCE_WINDOW: i64 = 14 * 24 * 3600;

/// Chance, at each ping, that a person closes the app (sessions last ~30 min).
const LEAVE_PER_PING: f64 = 1.0 / 30.0;
/// Chance, at each ping, that a person starts or stops interacting (idle ↔ active).
const TOGGLE_PER_PING: f64 = 0.12;
/// Mean time away between sessions: with 30-min sessions about 30% are online.
const MEAN_AWAY_SECS: f64 = 70.0 * 60.0;

/// The apps people use, for the legacy (pre-7.0) format, with how likely each is.
const LEGACY_CLIENTS: [(&str, f64); 5] = [
    ("website", 0.8),
    ("ZulipElectron", 0.4),
    ("ZulipMobile", 0.5),
    ("ZulipTerminal", 0.1),
    ("ZulipPython", 0.1),
];

/// Which shape of realm presence the server sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Zulip 7.0+: exactly `website` and `aggregated` per user.
    Modern,
    /// Before 7.0: an entry per client the user used, plus `aggregated`.
    Legacy,
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "modern" => Ok(Format::Modern),
            "legacy" => Ok(Format::Legacy),
            other => Err(format!("unknown format {other:?}: use modern or legacy")),
        }
    }
}

#[derive(Debug, Clone)]
struct ClientState {
    name: &'static str,
    last_active: i64,
    last_connected: i64,
}

#[derive(Debug, Clone, Copy)]
struct Session {
    client: usize,
    engaged: bool,
}

#[derive(Debug, Clone)]
struct SimUser {
    id: i64,
    kind: Kind,
    email: String,
    full_name: String,
    clients: Vec<ClientState>,
    session: Option<Session>,
    next_event: i64,
    rng: ChaCha8Rng,
}

impl SimUser {
    fn away_for(&mut self) -> i64 {
        let u: f64 = self.rng.gen();
        (-MEAN_AWAY_SECS * (1.0 - u).ln()).ceil() as i64
    }

    fn ping(&mut self, at: i64) {
        let Some(mut session) = self.session else {
            return;
        };
        let client = &mut self.clients[session.client];
        client.last_connected = at;
        if session.engaged {
            client.last_active = at;
        }
        if self.rng.gen_bool(LEAVE_PER_PING) {
            self.session = None;
            self.next_event = at + self.away_for();
        } else {
            if self.rng.gen_bool(TOGGLE_PER_PING) {
                session.engaged = !session.engaged;
            }
            self.session = Some(session);
            self.next_event = at + PING_INTERVAL;
        }
    }

    fn arrive(&mut self, at: i64) {
        let client = self.rng.gen_range(0..self.clients.len());
        let engaged = self.rng.gen_bool(0.8);
        self.session = Some(Session { client, engaged });
        self.ping(at);
    }

    /// The user-level times, as Zulip 7.0+ stores them.
    fn times(&self) -> (i64, i64) {
        let active = self
            .clients
            .iter()
            .map(|c| c.last_active)
            .max()
            .unwrap_or(0);
        let connected = self
            .clients
            .iter()
            .map(|c| c.last_connected)
            .max()
            .unwrap_or(0);
        (active, connected)
    }
}

/// A client entry as Zulip 8.0+ words it: `active` with the active time when the last
/// activity is within 70 s of the last connection, else `idle` with the connection time.
pub fn legacy_entry(client: &str, last_active: i64, last_connected: i64) -> ClientPresence {
    let (status, timestamp) = if last_active + LEGACY_ACTIVE_OFFSET >= last_connected {
        (ReportedStatus::Active, last_active)
    } else {
        (ReportedStatus::Idle, last_connected)
    };
    ClientPresence {
        client: Some(ClientName::new(client)),
        status,
        timestamp,
        pushable: Some(client == "ZulipMobile"),
    }
}

fn aggregated(entry: &ClientPresence) -> ClientPresence {
    ClientPresence {
        pushable: None,
        ..entry.clone()
    }
}

/// A simulated organization.
#[derive(Debug, Clone)]
pub struct Org {
    users: Vec<SimUser>,
    now: i64,
    deployment: Deployment,
}

impl Org {
    /// `count` people as of Unix second `start`, drawn from `seed`. About a third are
    /// online at the start; everyone has connected within the last two weeks.
    pub fn new(count: usize, seed: u64, start: i64) -> Self {
        Org::deployed(count, seed, start, Deployment::default())
    }

    /// [`Org::new`], shaped like `deployment` (see [`crate::deployment`]).
    pub fn deployed(count: usize, seed: u64, start: i64, deployment: Deployment) -> Self {
        let mut taken = std::collections::HashSet::new();
        let users = (0..count)
            .map(|i| {
                let mut rng = ChaCha8Rng::seed_from_u64(seed);
                rng.set_stream(i as u64);
                let full_name = names::full_name(i);
                let mut local = names::email_local_part(&full_name);
                if !taken.insert(local.clone()) {
                    local = format!("{local}{}", i + 1);
                    taken.insert(local.clone());
                }
                let mut clients: Vec<ClientState> = LEGACY_CLIENTS
                    .iter()
                    .filter(|(_, p)| rng.gen_bool(*p))
                    .map(|(name, _)| ClientState {
                        name,
                        last_active: 0,
                        last_connected: 0,
                    })
                    .collect();
                if clients.is_empty() {
                    clients.push(ClientState {
                        name: "website",
                        last_active: 0,
                        last_connected: 0,
                    });
                }
                // History: each client last seen some time in the past two weeks, mostly
                // recently (exponential, mean two days).
                for client in &mut clients {
                    let u: f64 = rng.gen();
                    let ago =
                        ((-2.0 * 86400.0 * (1.0 - u).ln()) as i64).min(PRESENCE_WINDOW - 3600);
                    client.last_connected = start - ago - 300;
                    client.last_active = client.last_connected - rng.gen_range(0..600);
                }
                let id = i as i64 + 10;
                let email = if deployment.dummy_emails {
                    format!("user{id}@zulip.example")
                } else {
                    format!("{local}@zulip.example")
                };
                let mut user = SimUser {
                    id,
                    kind: Kind::of(i, deployment.extras),
                    email,
                    full_name,
                    clients,
                    session: None,
                    next_event: 0,
                    rng,
                };
                if user.rng.gen_bool(0.35) {
                    // Online now: the last ping fell somewhere in the last minute.
                    let client = user.rng.gen_range(0..user.clients.len());
                    let engaged = user.rng.gen_bool(0.7);
                    let last_ping = start - user.rng.gen_range(0..PING_INTERVAL);
                    let state = &mut user.clients[client];
                    state.last_connected = last_ping;
                    state.last_active = if engaged {
                        last_ping
                    } else {
                        last_ping - user.rng.gen_range(80..1800)
                    };
                    user.session = Some(Session { client, engaged });
                    user.next_event = last_ping + PING_INTERVAL;
                } else {
                    user.next_event = start + user.away_for();
                }
                user
            })
            .collect();
        Org {
            users,
            now: start,
            deployment,
        }
    }

    /// The simulation's current second.
    pub fn now(&self) -> i64 {
        self.now
    }

    /// How many people there are.
    pub fn len(&self) -> usize {
        self.users.len()
    }

    /// Whether there is nobody.
    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }

    /// Runs every ping and arrival up to and including second `t`. Going backwards does
    /// nothing.
    pub fn advance_to(&mut self, t: i64) {
        if t <= self.now {
            return;
        }
        for user in &mut self.users {
            while user.next_event <= t {
                let at = user.next_event;
                if user.session.is_some() {
                    user.ping(at);
                } else {
                    user.arrive(at);
                }
            }
        }
        self.now = t;
    }

    /// Realm presence as a server would send it now.
    pub fn presence(&self, format: Format, server_timestamp: f64) -> RealmPresence {
        let cutoff = self.now - PRESENCE_WINDOW;
        let mut presences = BTreeMap::new();
        for user in &self.users {
            let (active, connected) = user.times();
            if connected < cutoff || !user.kind.has_presence() {
                continue;
            }
            let mut entries = ClientEntries::new();
            match format {
                Format::Modern => {
                    let mut entry = legacy_entry("website", active, connected);
                    entry.pushable = Some(false);
                    entries.insert(ClientName::new("aggregated"), aggregated(&entry));
                    entries.insert(ClientName::new("website"), entry);
                }
                Format::Legacy => {
                    let mut newest: Option<(i64, ClientPresence)> = None;
                    for client in user.clients.iter().filter(|c| c.last_connected >= cutoff) {
                        let entry =
                            legacy_entry(client.name, client.last_active, client.last_connected);
                        let updated = client.last_connected;
                        if newest.as_ref().is_none_or(|(ts, _)| updated > *ts) {
                            newest = Some((updated, entry.clone()));
                        }
                        entries.insert(ClientName::new(client.name), entry);
                    }
                    if let Some((_, entry)) = newest {
                        entries.insert(ClientName::new("aggregated"), aggregated(&entry));
                    }
                }
            }
            presences.insert(
                user.email.clone(),
                UserPresence {
                    entries,
                    active_timestamp: None,
                    idle_timestamp: None,
                },
            );
        }
        if self.deployment.extras {
            // Accounts `/users` does not list, active a minute ago.
            let seen = self.now - 60;
            for email in STRANGERS {
                let mut entries = ClientEntries::new();
                let entry = legacy_entry("website", seen, seen);
                entries.insert(ClientName::new("aggregated"), aggregated(&entry));
                entries.insert(ClientName::new("website"), entry);
                presences.insert(
                    email.to_owned(),
                    UserPresence {
                        entries,
                        active_timestamp: None,
                        idle_timestamp: None,
                    },
                );
            }
        }
        RealmPresence {
            result: "success".to_owned(),
            msg: String::new(),
            server_timestamp,
            presences,
            ignored_parameters_unsupported: None,
            zulip_roster_privacy: Privacy::Full,
        }
    }

    /// Everyone, as `GET /users` lists them (bots included, with extras), with avatars
    /// as the deployment has them (generated ones under `avatar_base`).
    pub fn members(&self, avatar_base: &str) -> Vec<Member> {
        let mut members: Vec<Member> = self
            .users
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let avatar = self.deployment.avatar_url(u.id, avatar_base);
                let mut member = Member::human(u.id, &u.email, &u.full_name, Some(&avatar));
                member.timezone =
                    crate::teams::TIMEZONES[i % crate::teams::TIMEZONES.len()].to_owned();
                match u.kind {
                    Kind::Member if i == 0 && self.deployment.extras => member.role = Some(100),
                    Kind::Member | Kind::NoPresence => {}
                    Kind::Guest => {
                        member.is_guest = true;
                        member.role = Some(presence_model::protocol::ROLE_GUEST);
                    }
                    Kind::Deactivated => member.is_active = false,
                }
                member
            })
            .collect();
        if self.deployment.extras {
            for (i, (email, name)) in BOTS.iter().enumerate() {
                let mut bot = Member::human(2 + i as i64, email, name, None);
                bot.is_bot = true;
                members.push(bot);
            }
        }
        members
    }

    /// Everyone's user id, in the organization's order.
    pub fn user_ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.users.iter().map(|u| u.id)
    }

    /// The deployment's shape.
    pub fn deployment(&self) -> Deployment {
        self.deployment
    }

    /// The full name for a user id, for avatars.
    pub fn name_of(&self, id: i64) -> Option<&str> {
        self.users
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.full_name.as_str())
    }
}
