//! The top layer: view models. One ready-made value per row, and which rows of a long
//! list are in the DOM. The browser crate renders them as they are.

pub mod list;
pub mod virtual_list;

pub use list::*;
pub use virtual_list::*;
