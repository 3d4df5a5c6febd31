//! `use_live`: the live roster as a hook. It owns the pollers and the ageing ticker for
//! as long as the component lives (or until the options change), and re-renders only
//! when something a viewer sees has changed.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use gloo_timers::callback::Interval;
use presence_model::fetch::DownCause;
use presence_model::{
    classify_presence, classify_users, Answer, Config, Directory, Failure, Live, Names,
};
use yew::prelude::*;

use crate::services::collator::{locale_order, NameOrder};
use crate::services::poller::{Poller, PollerOptions};
use crate::services::{FetchError, HttpAnswer, Services};

/// Names are refreshed this often: `GET /users` is heavy on big organizations.
const USERS_REFRESH_MS: u32 = 10 * 60 * 1000;

/// What `use_live` hands to the component.
#[derive(Clone)]
pub struct LiveHandle {
    /// The state machine, shared with the pollers.
    pub live: Rc<RefCell<Live>>,
    /// The name order in use.
    pub order: NameOrder,
}

fn failure_of(error: FetchError, config: &Config) -> Failure {
    let cause = match error {
        FetchError::Timeout => DownCause::Timeout(config.timeout_secs),
        FetchError::Network | FetchError::Aborted => DownCause::Network,
    };
    Failure::Down { cause }
}

fn answer(answer: &HttpAnswer) -> Answer<'_> {
    Answer {
        status: answer.status,
        retry_after: answer.retry_after.as_deref(),
        body: &answer.body,
    }
}

/// Runs the live roster for `config` with `services`, re-ageing every `tick_ms`.
#[hook]
pub fn use_live(config: &Config, services: &Services, tick_ms: u32) -> LiveHandle {
    let live = use_mut_ref(|| Live::new(config.offline_threshold_secs, config.refresh_secs));
    let order = {
        let lang = config.lang.clone();
        use_memo(lang, |lang| locale_order(lang.as_deref()))
    };
    let order: NameOrder = (*order).clone();
    let rerender = use_force_update();

    {
        let live = live.clone();
        let order = order.clone();
        let services = services.clone();
        use_effect_with(config.clone(), move |config| {
            *live.borrow_mut() = Live::new(config.offline_threshold_secs, config.refresh_secs);
            let warned: Rc<RefCell<HashSet<String>>> = Rc::default();

            let presence = {
                let (live, order, services, rerender, config) = (
                    live.clone(),
                    order.clone(),
                    services.clone(),
                    rerender.clone(),
                    config.clone(),
                );
                Poller::start(
                    services.fetcher.clone(),
                    services.visibility.clone(),
                    PollerOptions {
                        url: config.presence_url(),
                        timeout_ms: config.timeout_secs.saturating_mul(1000),
                        refresh_on_visible: true,
                    },
                    Box::new(move |result| {
                        let now = services.clock.now_ms();
                        let outcome = result
                            .map_err(|e| failure_of(e, &config))
                            .and_then(|a| classify_presence(answer(&a)));
                        let mut live = live.borrow_mut();
                        let changed = match outcome {
                            Ok(parsed) => {
                                for warning in &parsed.warnings {
                                    let text = warning.to_string();
                                    if warned.borrow_mut().insert(text.clone()) {
                                        web_sys::console::warn_1(
                                            &format!("zulip-roster: {text}").into(),
                                        );
                                    }
                                }
                                live.presence_arrived(parsed.value, now, &*order)
                            }
                            Err(failure) => {
                                live.failed(failure, now, (services.random)());
                                true
                            }
                        };
                        let next = live.next_poll_in_ms(now);
                        drop(live);
                        if changed {
                            rerender.force_update();
                        }
                        next.min(f64::from(u32::MAX)) as u32
                    }),
                )
            };

            let users = (config.names == Names::Auto).then(|| {
                let (live, order, services, rerender) = (
                    live.clone(),
                    order.clone(),
                    services.clone(),
                    rerender.clone(),
                );
                Poller::start(
                    services.fetcher.clone(),
                    services.visibility.clone(),
                    PollerOptions {
                        url: config.users_url(),
                        timeout_ms: config.timeout_secs.saturating_mul(1000),
                        refresh_on_visible: false,
                    },
                    Box::new(move |result| {
                        // Without names the roster shows emails and keeps working.
                        if let Ok(users) = result
                            .map_err(|_| ())
                            .and_then(|a| classify_users(answer(&a)).map_err(|_| ()))
                        {
                            let people = users.members.into_iter().filter(|m| !m.is_bot);
                            let now = services.clock.now_ms();
                            if live
                                .borrow_mut()
                                .names_arrived(Directory::new(people), now, &*order)
                            {
                                rerender.force_update();
                            }
                        }
                        USERS_REFRESH_MS
                    }),
                )
            });

            let ticker = {
                let (live, order, services, rerender) = (
                    live.clone(),
                    order.clone(),
                    services.clone(),
                    rerender.clone(),
                );
                Interval::new(tick_ms, move || {
                    let now = services.clock.now_ms();
                    let mut live = live.borrow_mut();
                    let aged = live.tick(now, &*order);
                    // Stale and error banners count time ("3 min ago", "retrying in 7 s").
                    let counting = live.state().failure().is_some();
                    drop(live);
                    if aged || counting {
                        rerender.force_update();
                    }
                })
            };

            move || {
                drop(presence);
                drop(users);
                drop(ticker);
            }
        });
    }

    LiveHandle { live, order }
}
