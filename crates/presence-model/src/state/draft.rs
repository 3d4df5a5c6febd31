//! The effects of one event while the reducer applies it, put in the shell's order at
//! the end.

use crate::domain::TeamFeed;
use crate::state::effect::{
    ChangeReport, Effect, Effects, ErrorReport, FeedKind, Feeds, HostSummary, PollRequest,
};

/// What the feeds must become: collected while an event is applied.
#[derive(Debug, Default)]
pub(super) enum FeedPlan {
    #[default]
    Keep,
    Stop,
    Start(Feeds),
}

/// The effects of one event while it is applied; [`Draft::into_effects`] puts them in the
/// order the shell performs them.
#[derive(Debug, Default)]
pub(super) struct Draft {
    pub(super) announce: Option<String>,
    /// Whether anything on screen changed: each decision adds to it (`|=`), none
    /// clears what an earlier one in the same event found.
    pub(super) render: bool,
    pub(super) host: Option<HostSummary>,
    pub(super) change: Option<ChangeReport>,
    pub(super) error: Option<ErrorReport>,
    pub(super) feeds: FeedPlan,
    pub(super) team_feed: Option<TeamFeed>,
    /// The presence feed's next poll.
    pub(super) poll: Option<PollRequest>,
    /// The other feeds' next polls.
    pub(super) polls: Vec<(FeedKind, PollRequest)>,
}

impl Draft {
    /// The live region's text first (the render shows it), then the render, then what
    /// waits for it (attributes, events), then the feeds and their polls.
    pub(super) fn into_effects(self) -> Effects {
        let mut out = Vec::new();
        out.extend(self.announce.map(Effect::Announce));
        if self.render {
            out.push(Effect::Render);
        }
        out.extend(self.host.map(Effect::Host));
        out.extend(self.change.map(Effect::Change));
        out.extend(self.error.map(Effect::Error));
        match self.feeds {
            FeedPlan::Keep => {}
            FeedPlan::Stop => out.push(Effect::Unsubscribe),
            FeedPlan::Start(feeds) => out.push(Effect::Subscribe(feeds)),
        }
        out.extend(self.team_feed.map(Effect::FollowTeam));
        let presence = self.poll.map(|when| (FeedKind::Presence, when));
        for (feed, when) in presence.into_iter().chain(self.polls) {
            out.push(Effect::Poll { feed, when });
        }
        Effects(out)
    }
}

/// Milliseconds, as the feeds count them.
pub(super) fn ms(ms: u32) -> PollRequest {
    PollRequest::InMs(f64::from(ms))
}
