//! Windowed rendering: which rows of a long list are in the DOM.
//!
//! Above [`WINDOW_ABOVE`] rows, only the rows in view plus a buffer are rendered; the
//! rest is padding of the same height, so the scrollbar reflects the whole list.

use std::ops::Range;

/// Lists longer than this are windowed.
pub const WINDOW_ABOVE: usize = 200;
/// Rows rendered beyond each edge of the view, so fast scrolling shows no gaps.
pub const BUFFER_ROWS: usize = 12;

/// The rows to render and the padding around them.
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    /// Indexes of the rendered rows.
    pub rows: Range<usize>,
    /// Padding above them (px).
    pub pad_top: f64,
    /// Padding below them (px).
    pub pad_bottom: f64,
}

/// The window of `total` rows of `row_height` px, scrolled to `scroll_top` px in a view
/// `viewport` px high. Short lists are rendered whole.
pub fn window(total: usize, scroll_top: f64, viewport: f64, row_height: f64) -> Window {
    if total <= WINDOW_ABOVE || row_height <= 0.0 {
        return Window {
            rows: 0..total,
            pad_top: 0.0,
            pad_bottom: 0.0,
        };
    }
    let scroll_top = if scroll_top.is_finite() {
        scroll_top.max(0.0)
    } else {
        0.0
    };
    let viewport = if viewport.is_finite() && viewport > 0.0 {
        viewport
    } else {
        0.0
    };
    let first_visible = (scroll_top / row_height).floor() as usize;
    let visible = (viewport / row_height).ceil() as usize + 1;
    let start = first_visible.saturating_sub(BUFFER_ROWS).min(total);
    let end = first_visible
        .saturating_add(visible)
        .saturating_add(BUFFER_ROWS)
        .min(total);
    let start = start.min(end);
    Window {
        rows: start..end,
        pad_top: start as f64 * row_height,
        pad_bottom: (total - end) as f64 * row_height,
    }
}
