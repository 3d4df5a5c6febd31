//! The third layer: words. Every string the roster shows ([`table`], declared once),
//! the languages and their plural rules, the formats they need (`Intl` in the browser),
//! and the sentences made from the data below: last active, counts, banners, failures.
//! Words format the data; nothing below imports them.

pub mod banner;
pub mod counts;
pub mod failure;
mod file;
pub mod formats;
pub mod german;
pub mod lang;
pub mod last_active;
pub mod locale;
pub mod plural;
pub mod table;

pub use banner::*;
pub use counts::*;
pub use formats::*;
pub use german::*;
pub use lang::*;
pub use locale::*;
pub use plural::*;
pub use table::{Words, EN};
