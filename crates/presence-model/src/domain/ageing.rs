//! When each person's status next changes, so that ageing a roster touches only the
//! people whose moment has come.
//!
//! A status is a step function of time: it changes only when the active or idle
//! timestamp, or the answer itself, turns a threshold old. Each person's next such
//! moment goes into a min-queue at build; a tick pops only what is due. At 50,000 people
//! with 200 changes a second (a cached answer ageing), re-deriving and re-sorting
//! everyone took 5 ms a second natively, most of an idle widget's work.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use crate::domain::PresenceTimes;

/// One person's next status change: server time `at`, for the person at `id` in the
/// roster's storage.
#[derive(Debug, Clone, Copy)]
struct Due {
    at: f64,
    id: u32,
}

impl PartialEq for Due {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Due {}

impl PartialOrd for Due {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Due {
    fn cmp(&self, other: &Self) -> Ordering {
        self.at.total_cmp(&other.at).then(self.id.cmp(&other.id))
    }
}

/// The queue of next status changes, with the moment and threshold it was made for.
/// A cache: it says nothing about what a roster is.
#[derive(Debug, Clone, Default)]
pub(crate) struct Schedule {
    due: BinaryHeap<Reverse<Due>>,
    aged_at: f64,
    threshold_secs: u32,
}

impl Schedule {
    /// The schedule at server time `now` for everyone in `times` (by storage index).
    pub(crate) fn new<'a>(
        times: impl Iterator<Item = &'a PresenceTimes>,
        now: f64,
        answered_at: f64,
        threshold_secs: u32,
    ) -> Self {
        let due: Vec<Reverse<Due>> = times
            .enumerate()
            .filter_map(|(id, times)| {
                let at = next_change_after(times, now, answered_at, threshold_secs);
                at.is_finite().then_some(Reverse(Due { at, id: id as u32 }))
            })
            .collect();
        Schedule {
            due: BinaryHeap::from(due),
            aged_at: now,
            threshold_secs,
        }
    }

    /// Whether the schedule can age to `now` with `threshold_secs`: time only moves on,
    /// and the threshold is the one it was made for. Otherwise make a new one.
    pub(crate) fn can_age(&self, now: f64, threshold_secs: u32) -> bool {
        threshold_secs == self.threshold_secs && now >= self.aged_at
    }

    /// Takes out everyone whose next change is at or before `now`, and moves the schedule
    /// to `now`. Put each back with [`Schedule::again`].
    pub(crate) fn due_by(&mut self, now: f64) -> Vec<u32> {
        let mut due = Vec::new();
        while let Some(Reverse(next)) = self.due.peek() {
            if next.at > now {
                break;
            }
            due.push(next.id);
            self.due.pop();
        }
        self.aged_at = now;
        due
    }

    /// Schedules the person at `id` for their next change after the schedule's moment.
    pub(crate) fn again(&mut self, id: u32, times: &PresenceTimes, answered_at: f64) {
        let at = next_change_after(times, self.aged_at, answered_at, self.threshold_secs);
        if at.is_finite() {
            self.due.push(Reverse(Due { at, id }));
        }
    }
}

/// The first moment after `now` at which the status of `times` can differ: when the
/// active or idle timestamp, or the answer, turns `threshold_secs` old.
fn next_change_after(
    times: &PresenceTimes,
    now: f64,
    answered_at: f64,
    threshold_secs: u32,
) -> f64 {
    let threshold = f64::from(threshold_secs);
    [times.active as f64, times.idle as f64, answered_at]
        .into_iter()
        .map(|t| t + threshold)
        .filter(|&at| at > now)
        .fold(f64::INFINITY, f64::min)
}

/// `ids`, sorted by `order`, with `leaving` taken out and `arriving` put in (both sorted
/// by `order`; keys are unique). Linear in `ids`, with a binary search per mover, so a
/// tick in which 17,000 people go offline at once costs one pass, not 17,000 shifts.
pub(crate) fn regroup(
    ids: &mut Vec<u32>,
    leaving: &[u32],
    arriving: &[u32],
    order: impl Fn(u32, u32) -> Ordering,
) {
    if !leaving.is_empty() {
        let mut kept = Vec::with_capacity(ids.len().saturating_sub(leaving.len()));
        let mut from = 0;
        for &id in leaving {
            let at = from + ids[from..].partition_point(|&x| order(x, id) == Ordering::Less);
            kept.extend_from_slice(&ids[from..at]);
            // The mover itself; a mover that is not here is skipped over, not dropped.
            from = if ids.get(at) == Some(&id) { at + 1 } else { at };
        }
        kept.extend_from_slice(&ids[from..]);
        *ids = kept;
    }
    if !arriving.is_empty() {
        let mut merged = Vec::with_capacity(ids.len() + arriving.len());
        let mut from = 0;
        for &id in arriving {
            let at = from + ids[from..].partition_point(|&x| order(x, id) == Ordering::Less);
            merged.extend_from_slice(&ids[from..at]);
            merged.push(id);
            from = at;
        }
        merged.extend_from_slice(&ids[from..]);
        *ids = merged;
    }
}
