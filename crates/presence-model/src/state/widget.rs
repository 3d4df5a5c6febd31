//! The mounted widget as a reducer: named events in, effects out.
//!
//! The browser side only runs what comes out: it re-renders when told, writes the host's
//! `data-*` and fires `roster-change` / `roster-error` from one place, sets the live
//! region's text, and tells its feed when to poll. Every decision (what changed, what to
//! report, when to ask again, what an option change restarts) is made here and tested
//! natively, races included.
//!
//! # Example
//!
//! ```
//! use presence_model::state::{Effect, Event, Widget};
//! use presence_model::words::english;
//! use presence_model::domain::default_ranking;
//! use presence_model::Config;
//!
//! let mut roster = Widget::default();
//! let effects = roster.update(Event::Options(Ok(Config::with_proxy("/api/v1"))), english(), &default_ranking);
//! assert!(matches!(effects[..], [Effect::Render, Effect::Host(_), Effect::Subscribe(_)]));
//! assert_eq!(effects.host().unwrap().state, "loading");
//! ```

use crate::domain::offline_threshold_for;
use crate::domain::{complete_refusal, org_url, subscribers_feed, TeamAnswer};
use crate::domain::{ChangeTally, Counts, NameRanking};
use crate::domain::{Config, ConfigError};
use crate::protocol::Privacy;
use crate::protocol::RealmPresence;
use crate::state::draft::{ms, Draft, FeedPlan};
use crate::state::effect::{
    ChangeReport, Effects, ErrorReport, FeedKind, Feeds, HostSummary, PollRequest,
};
use crate::state::event::Event;
use crate::state::intervals::{ANNOUNCE_EVERY_MS, NAMES_REFRESH_MS};
use crate::state::machine::RosterMachine;
use crate::state::team_gate::TeamGate;
use crate::words::Locale;

/// A mounted widget's whole state.
#[derive(Debug, Clone, PartialEq)]
pub struct Widget {
    config: Option<Result<Config, ConfigError>>,
    live: RosterMachine,
    host: Option<HostSummary>,
    /// The failure last reported, so a failure repeating is not reported again.
    reported: Option<ErrorReport>,
    /// The counts the last `roster-change` said; `None` before the first roster.
    reported_counts: Option<Counts>,
    pending: ChangeTally,
    last_spoken_ms: f64,
    announcement: String,
    /// Whether the server's offline threshold is known (`GET /server_settings` answered
    /// or failed, or the page set it).
    server_known: bool,
    /// The server's API feature level, once `/server_settings` told it.
    feature_level: Option<u32>,
    /// The organization's URL, once `/server_settings` gave one a link may use.
    org: Option<String>,
    /// The team roster's members and names, with the `group` or `channel` option.
    team: Option<TeamGate>,
    /// The latest presence answer, while the roster cannot be built yet: until the
    /// server's threshold is known (so nobody is aged with one threshold and then
    /// re-aged with another: offline, then idle), and for a team roster until both its
    /// members and `/users` are known (never a roster of the whole organization first).
    held: Option<Box<PendingAnswer>>,
}

/// A presence answer that waits (see `Widget::held`).
#[derive(Debug, Clone, PartialEq)]
struct PendingAnswer {
    presence: RealmPresence,
    now_ms: f64,
}

impl Default for Widget {
    fn default() -> Self {
        Widget {
            config: None,
            live: RosterMachine::new(
                crate::domain::DEFAULT_OFFLINE_THRESHOLD_SECS,
                crate::domain::DEFAULT_REFRESH_SECS,
            ),
            host: None,
            reported: None,
            reported_counts: None,
            pending: ChangeTally::default(),
            last_spoken_ms: f64::NEG_INFINITY,
            announcement: String::new(),
            server_known: true,
            feature_level: None,
            org: None,
            team: None,
            held: None,
        }
    }
}

impl Widget {
    /// The options in force (`None` before the first [`Event::Options`]).
    pub fn config(&self) -> Option<&Result<Config, ConfigError>> {
        self.config.as_ref()
    }

    /// The roster's state machine: what to show.
    pub fn live(&self) -> &RosterMachine {
        &self.live
    }

    /// What the polite live region says now.
    pub fn announcement(&self) -> &str {
        &self.announcement
    }

    /// Whether an answer equal to the last one can be taken as [`Event::Repeated`]: only
    /// while a roster from it is on screen (ready or empty) and the server's threshold is
    /// known. Anything else (loading, a failure shown, an answer waiting for the server's
    /// version) needs the answer itself.
    pub fn takes_repeats(&self) -> bool {
        matches!(self.config, Some(Ok(_)))
            && self.can_build()
            && matches!(
                self.live.state(),
                crate::domain::Phase::Ready(_) | crate::domain::Phase::Empty(_)
            )
    }

    /// The host's attributes as they should be now.
    pub fn host_summary(&self) -> HostSummary {
        match &self.config {
            Some(Err(_)) => HostSummary {
                state: "error",
                counts: None,
                privacy: Privacy::Full,
            },
            _ => HostSummary {
                state: self.live.state().name(),
                counts: self.counts(),
                privacy: self.privacy(),
            },
        }
    }

    /// Applies `event`; `locale` words messages and `order` ranks names, both in the
    /// viewer's language.
    pub fn update(&mut self, event: Event, locale: Locale<'_>, order: &NameRanking) -> Effects {
        let mut effects = Draft::default();
        match event {
            Event::Options(config) => self.options(config, &mut effects),
            Event::Presence {
                outcome,
                now_ms,
                jitter,
            } => {
                if !matches!(self.config, Some(Ok(_))) {
                    return effects.into_effects();
                }
                match outcome {
                    Ok(presence) => {
                        effects.poll = Some(PollRequest::InMs(self.live.poll_period_ms()));
                        if self.can_build() {
                            self.presence_arrived(presence, now_ms, order, &mut effects);
                        } else {
                            self.held = Some(Box::new(PendingAnswer { presence, now_ms }));
                        }
                    }
                    Err(failure) => {
                        self.live.failed(failure, now_ms, jitter);
                        effects.render |= true;
                        effects.poll = Some(PollRequest::InMs(self.live.next_poll_in_ms(now_ms)));
                        self.report_failure(locale, &mut effects);
                    }
                }
                self.report_changes(&mut effects);
            }
            // The roster on screen came from these very bytes: only the next poll is due.
            // Its arrival time stays the first one, so the server's clock (its timestamp
            // plus the local time since) does not jump back to the cached timestamp.
            Event::Repeated => {
                if self.takes_repeats() {
                    effects.poll = Some(PollRequest::InMs(self.live.poll_period_ms()));
                }
            }
            Event::Names { directory, now_ms } => {
                effects.polls.push((FeedKind::Users, ms(NAMES_REFRESH_MS)));
                match &mut self.team {
                    Some(gate) => {
                        gate.names = Some(directory);
                        self.team_known(now_ms, order, &mut effects);
                    }
                    None => effects.render |= self.live.names_arrived(directory, now_ms, order),
                }
                self.report_changes(&mut effects);
            }
            Event::NamesFailed { failure, now_ms } => {
                if self.team.as_ref().is_some_and(|gate| gate.names.is_none()) {
                    self.live.failed(failure, now_ms, 0.0);
                    effects.render |= true;
                    self.report_failure(locale, &mut effects);
                }
                // Without names a team roster shows the failure, and asks again as its
                // retries do; any other roster shows emails until the next refresh.
                let waiting = self.live.state().failure().is_some()
                    && self.team.is_some()
                    && matches!(self.config, Some(Ok(_)));
                let next = match waiting {
                    true => PollRequest::InMs(self.live.next_poll_in_ms(now_ms)),
                    false => ms(NAMES_REFRESH_MS),
                };
                effects.polls.push((FeedKind::Users, next));
            }
            Event::Team { outcome, now_ms } => {
                let Some(gate) = &mut self.team else {
                    return effects.into_effects();
                };
                let members = match outcome {
                    Ok(TeamAnswer::Groups(groups)) => gate
                        .team
                        .group_members(&groups)
                        .ok_or_else(|| gate.team.not_found(200)),
                    Ok(TeamAnswer::ChannelId(id)) => {
                        effects.team_feed = Some(subscribers_feed(&gate.proxy, id));
                        return effects.into_effects();
                    }
                    Ok(TeamAnswer::Subscribers(mut ids)) => {
                        ids.sort_unstable();
                        ids.dedup();
                        Ok(ids)
                    }
                    Err(mut failure) => {
                        complete_refusal(&mut failure, self.feature_level);
                        Err(failure)
                    }
                };
                match members {
                    Ok(members) => {
                        // Members are read again as often as names.
                        effects.polls.push((FeedKind::Team, ms(NAMES_REFRESH_MS)));
                        gate.members = Some(members);
                        self.team_known(now_ms, order, &mut effects);
                    }
                    Err(failure) => {
                        // Nothing is built until the team is known again: a roster of the
                        // whole organization is never shown under a team's name.
                        gate.members = None;
                        self.live.failed(failure, now_ms, 0.0);
                        effects.render |= true;
                        self.report_failure(locale, &mut effects);
                        let next = PollRequest::InMs(self.live.next_poll_in_ms(now_ms));
                        effects.polls.push((FeedKind::Team, next));
                    }
                }
                self.report_changes(&mut effects);
            }
            Event::Tick { now_ms } => {
                let aged = self.live.tick(now_ms);
                self.report_changes(&mut effects);
                // Stale and error banners count time ("3 min ago", "retrying in 7 s").
                let counting = self.live.state().failure().is_some();
                let spoke = self.speak(now_ms, locale, &mut effects);
                let shown = matches!(&self.config, Some(Ok(config)) if config.local_time);
                let clocks = self.live.minute_turned(now_ms) && shown;
                effects.render |= aged || counting || spoke || clocks;
            }
            Event::Locale { now_ms } => {
                effects.render |= self.live.rebuild(now_ms, order);
            }
            Event::Server {
                feature_level,
                realm_url,
                now_ms,
            } => {
                let org = realm_url.as_deref().and_then(org_url).map(str::to_owned);
                if org != self.org {
                    self.org = org;
                    effects.render |= true;
                }
                // Read once; a proxy that does not pass `/server_settings` (or a blip)
                // gives the older servers' threshold now, and one more try when names
                // are next refreshed.
                if feature_level.is_none() {
                    effects
                        .polls
                        .push((FeedKind::Settings, ms(NAMES_REFRESH_MS)));
                }
                // A failure shown before the server's version was known says now what
                // that version means (which key a group roster needs).
                self.feature_level = feature_level;
                if self
                    .live
                    .amend_failure(|f| complete_refusal(f, feature_level))
                {
                    effects.render |= true;
                    self.report_failure(locale, &mut effects);
                }
                let Some(Ok(config)) = &self.config else {
                    return effects.into_effects();
                };
                let threshold = config
                    .offline_threshold_secs
                    .unwrap_or_else(|| offline_threshold_for(feature_level));
                self.live.set_threshold_secs(threshold);
                if std::mem::replace(&mut self.server_known, true) {
                    // A later answer (settings are re-read after a failure): statuses
                    // follow at the next tick.
                    effects.render |= self.live.tick(now_ms);
                } else {
                    self.release_held(order, &mut effects);
                }
                self.report_changes(&mut effects);
            }
            Event::Refresh => {
                if matches!(self.config, Some(Ok(_))) {
                    effects.poll = Some(PollRequest::Now);
                }
            }
        }
        let host = self.host_summary();
        if self.host.as_ref() != Some(&host) {
            self.host = Some(host.clone());
            effects.host = Some(host);
        }
        effects.into_effects()
    }

    /// Whether a presence answer can be built into the roster now (see `held`).
    fn can_build(&self) -> bool {
        self.server_known
            && self
                .team
                .as_ref()
                .is_none_or(|gate| gate.members.is_some() && gate.names.is_some())
    }

    /// Builds the answer that waited, if it can be built now.
    fn release_held(&mut self, order: &NameRanking, effects: &mut Draft) {
        if self.can_build() {
            if let Some(held) = self.held.take() {
                self.presence_arrived(held.presence, held.now_ms, order, effects);
            }
        }
    }

    /// A team's members or names arrived: its directory goes to the roster once both are
    /// known, and an answer that waited for them is built.
    fn team_known(&mut self, now_ms: f64, order: &NameRanking, effects: &mut Draft) {
        let Some(directory) = self.team.as_ref().and_then(TeamGate::directory) else {
            return;
        };
        effects.render |= self.live.names_arrived(directory, now_ms, order);
        self.release_held(order, effects);
    }

    fn presence_arrived(
        &mut self,
        presence: RealmPresence,
        now_ms: f64,
        order: &NameRanking,
        effects: &mut Draft,
    ) {
        effects.render |= self.live.presence_arrived(presence, now_ms, order);
        self.reported = None;
    }

    fn options(&mut self, config: Result<Config, ConfigError>, effects: &mut Draft) {
        effects.render |= true;
        let old = self.config.replace(config.clone());
        let new = match config {
            Err(error) => {
                effects.feeds = FeedPlan::Stop;
                self.start_over(Widget::default().live, effects);
                effects.error = Some(ErrorReport::of_options(&error));
                return;
            }
            Ok(new) => new,
        };
        let restart = match &old {
            // Two groups share one feed (`/user_groups`) but are two rosters.
            Some(Ok(old)) => Feeds::of(old) != Feeds::of(&new) || old.team != new.team,
            _ => true,
        };
        if restart {
            // Another proxy (or names on or off) is another roster: start from loading.
            let threshold = new
                .offline_threshold_secs
                .unwrap_or(crate::domain::DEFAULT_OFFLINE_THRESHOLD_SECS);
            self.start_over(RosterMachine::new(threshold, new.refresh_secs), effects);
            self.server_known = new.offline_threshold_secs.is_some();
            self.team = new.team.clone().map(|team| TeamGate {
                team,
                proxy: new.proxy.clone(),
                members: None,
                names: None,
            });
            effects.feeds = FeedPlan::Start(Feeds::of(&new));
            return;
        }
        // Display options (lang, theme, palette, compact, max-rows, show-offline) only
        // re-render: the feed, its request in flight and the roster stay as they are.
        if let Some(Ok(old)) = &old {
            if old.refresh_secs != new.refresh_secs {
                self.live.set_refresh_secs(new.refresh_secs);
                effects.poll = Some(PollRequest::InMs(self.live.poll_period_ms()));
            }
            // Statuses follow at the next tick, a second away at most. (A threshold set or
            // unset changes the feeds, so it restarted above.)
            if let Some(threshold) = new.offline_threshold_secs {
                self.live.set_threshold_secs(threshold);
            }
        }
    }

    /// Everything but the options back to a fresh mount, with `live`: nothing reported,
    /// announced or pending from the roster before (the live region is emptied).
    fn start_over(&mut self, live: RosterMachine, effects: &mut Draft) {
        if !self.announcement.is_empty() {
            effects.announce = Some(String::new());
        }
        *self = Widget {
            config: self.config.take(),
            live,
            ..Widget::default()
        };
    }

    fn report_failure(&mut self, locale: Locale<'_>, effects: &mut Draft) {
        let Some(failure) = self.live.state().failure() else {
            return;
        };
        let report = ErrorReport::of(failure, locale);
        if self.reported.as_ref() != Some(&report) {
            self.reported = Some(report.clone());
            effects.error = Some(report);
        }
    }

    fn counts(&self) -> Option<Counts> {
        self.live.state().snapshot().map(|s| s.roster.counts())
    }

    /// Where links into Zulip go: the organization's URL, when the `links` option is on,
    /// the server gave a URL a link may use, and the proxy's privacy setting names people
    /// (counts mode links nowhere: it names nobody).
    pub fn org_link(&self) -> Option<&str> {
        let links = matches!(&self.config, Some(Ok(config)) if config.links);
        let org = self.org.as_deref().filter(|_| links);
        org.filter(|_| self.privacy().names_people())
    }

    /// The proxy's privacy setting, by the answer on screen.
    pub fn privacy(&self) -> Privacy {
        self.live
            .state()
            .snapshot()
            .map_or(Privacy::Full, |s| s.presence.zulip_roster_privacy)
    }

    /// A `roster-change` for the first roster, whenever statuses change, and whenever
    /// the counts change without a status change: names decide who is listed (everyone
    /// in /users, no strangers), and an answer can drop someone out of its two weeks.
    fn report_changes(&mut self, effects: &mut Draft) {
        let mut changes = self.live.take_changes();
        // Positions, not people: the same key is someone else in the next answer.
        if !self.privacy().names_people() {
            changes.clear();
        }
        let Some(counts) = self.counts() else {
            return;
        };
        if changes.is_empty() && self.reported_counts == Some(counts) {
            return;
        }
        self.reported_counts = Some(counts);
        self.pending.add(&changes);
        effects.change = Some(ChangeReport { counts, changes });
    }

    /// Moves pending changes into the live region if it has been quiet long enough.
    fn speak(&mut self, now_ms: f64, locale: Locale<'_>, effects: &mut Draft) -> bool {
        if self.pending.is_empty() || now_ms - self.last_spoken_ms < ANNOUNCE_EVERY_MS {
            return false;
        }
        match std::mem::take(&mut self.pending).announcement(locale) {
            Some(text) => {
                self.last_spoken_ms = now_ms;
                self.announcement = text.clone();
                effects.announce = Some(text);
                true
            }
            None => false,
        }
    }
}
