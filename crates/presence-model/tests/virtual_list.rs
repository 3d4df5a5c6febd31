//! Windowed rendering: which rows are in the DOM.

use presence_model::view::{window, BUFFER_ROWS, WINDOW_ABOVE};

#[test]
fn short_lists_are_rendered_whole() {
    let w = window(WINDOW_ABOVE, 5000.0, 400.0, 26.0);
    assert_eq!(
        (w.rows, w.pad_top, w.pad_bottom),
        (0..WINDOW_ABOVE, 0.0, 0.0)
    );
}

#[test]
fn long_lists_render_the_view_plus_a_buffer_and_keep_their_height() {
    let (total, h) = (10_000, 26.0);
    let top = window(total, 0.0, 416.0, h);
    assert_eq!(top.rows, 0..(16 + 1 + BUFFER_ROWS));
    let middle = window(total, 5000.0 * h, 416.0, h);
    assert_eq!(middle.rows, (5000 - BUFFER_ROWS)..(5000 + 17 + BUFFER_ROWS));
    for w in [&top, &middle] {
        let rendered = (w.rows.end - w.rows.start) as f64 * h;
        assert_eq!(
            w.pad_top + rendered + w.pad_bottom,
            total as f64 * h,
            "the scrollbar covers everyone"
        );
    }
    let bottom = window(total, 1e9, 416.0, h);
    assert_eq!(bottom.rows.end, total);
    assert_eq!(bottom.pad_bottom, 0.0);
    assert!(bottom.rows.start <= bottom.rows.end);
}

#[test]
fn nonsense_input_never_panics_or_renders_everything() {
    for (scroll, view) in [
        (f64::NAN, 400.0),
        (-50.0, 400.0),
        (100.0, f64::INFINITY),
        (100.0, -1.0),
    ] {
        let w = window(50_000, scroll, view, 26.0);
        assert!(
            w.rows.end - w.rows.start < 100,
            "{scroll} {view}: {:?}",
            w.rows
        );
    }
}
