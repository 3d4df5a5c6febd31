//! The standalone page: mounts the widget on `#zulip-roster` with options from `?…`.

fn main() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(host) = document.get_element_by_id("zulip-roster") else {
        return;
    };
    let query = document
        .location()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    let props = zulip_roster::components::app::AppProps {
        host: host.clone(),
        query: query.into(),
    };
    yew::Renderer::<zulip_roster::App>::with_root_and_props(host, props).render();
}
