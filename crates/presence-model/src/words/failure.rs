//! What went wrong, in words: failures and wrong options.

use std::fmt;

use super::locale::{english, fill, Locale};
use crate::domain::config_error::ConfigError;
use crate::protocol::classify::{DownCause, Failure};
use crate::protocol::error_body::ErrorCode;
use crate::protocol::teams::TeamKind;

impl Failure {
    /// The message, in the language of `locale`.
    pub fn describe(&self, locale: Locale<'_>) -> String {
        let w = locale.words;
        match self {
            Failure::WrongUrl {
                status,
                not_json: true,
            } => fill(w.wrong_url_page, &[("status", &status.to_string())]),
            Failure::WrongUrl { status, .. } => {
                fill(w.wrong_url_status, &[("status", &status.to_string())])
            }
            Failure::Refused { code, msg, status } => {
                let mut text = w.refused.to_owned();
                match code {
                    Some(ErrorCode::UserDeactivated) => text.push_str(w.refused_user_deactivated),
                    Some(ErrorCode::RealmDeactivated) => text.push_str(w.refused_realm_deactivated),
                    _ => {}
                }
                match (code, msg.is_empty()) {
                    (Some(code), false) => text.push_str(&format!(" ({}: {msg}).", code.as_str())),
                    (Some(code), true) => text.push_str(&format!(" ({}).", code.as_str())),
                    (None, _) => text.push_str(&format!(" (HTTP {status}).")),
                }
                text
            }
            Failure::RateLimited { .. } => w.rate_limited.to_owned(),
            Failure::Down {
                cause: DownCause::Status(status),
            } => fill(w.down_status, &[("status", &status.to_string())]),
            Failure::Down {
                cause: DownCause::Network,
            } => w.down_network.to_owned(),
            Failure::Down {
                cause: DownCause::Timeout(secs),
            } => fill(w.down_timeout, &[("n", &secs.to_string())]),
            Failure::Rejected { status, body } => fill(
                w.rejected,
                &[
                    ("status", &status.to_string()),
                    ("code", body.code().as_str()),
                    ("msg", &body.msg),
                ],
            ),
            Failure::Malformed(err) => fill(w.malformed, &[("error", &err.to_string())]),
            Failure::TooLarge => fill(
                w.too_large,
                &[("n", &(crate::protocol::MAX_ANSWER_BYTES >> 20).to_string())],
            ),
            Failure::NoSuchTeam { kind, key, .. } => fill(
                match kind {
                    TeamKind::Group => w.no_such_group,
                    TeamKind::Channel => w.no_such_channel,
                },
                &[("name", key)],
            ),
            Failure::GroupsRefused { msg, bots_may_read } => {
                let words = match bots_may_read {
                    true => w.groups_refused_guest,
                    false => w.groups_refused,
                };
                fill(words, &[("msg", msg)])
            }
            Failure::TeamsHidden => w.teams_hidden.to_owned(),
            Failure::PrivacyFailed { .. } => w.privacy_failed.to_owned(),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.describe(english()))
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match &self.value {
            Some(value) => write!(
                f,
                "The setting {} = {value:?} is not valid: expected {}.",
                self.option, self.expected
            ),
            None if self.option == "proxy" => write!(
                f,
                "The setting {} is missing: expected {}.",
                self.option, self.expected
            ),
            None => write!(
                f,
                "Unknown option {:?}: expected {}.",
                self.option, self.expected
            ),
        }
    }
}
