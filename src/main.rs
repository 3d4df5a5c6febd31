//! The `trunk serve` page: mounts the widget on `<body>`.

fn main() {
    yew::Renderer::<zulip_roster::App>::new().render();
}
