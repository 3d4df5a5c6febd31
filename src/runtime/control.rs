//! How the page asks a mounted roster to poll now (`handle.refresh()`, the element's
//! `refresh()`).

use std::cell::RefCell;
use std::rc::Rc;

/// What `RosterControl::refresh` calls while the roster is mounted.
type RefreshSlot = Rc<RefCell<Option<Rc<dyn Fn()>>>>;

/// A way for the page to ask a mounted roster to poll now.
#[derive(Clone, Default)]
pub struct RosterControl(RefreshSlot);

impl RosterControl {
    /// Polls now; during a request, once more as soon as it answers.
    pub fn refresh(&self) {
        let action = self.0.borrow().clone();
        if let Some(action) = action {
            action();
        }
    }

    /// What `refresh` calls: set while the roster is mounted, `None` after.
    pub(crate) fn set(&self, action: Option<Rc<dyn Fn()>>) {
        *self.0.borrow_mut() = action;
    }
}

impl PartialEq for RosterControl {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
