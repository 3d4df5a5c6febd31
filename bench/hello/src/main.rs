//! Hello, world in Yew: the smallest app with the same framework and profile.

use yew::prelude::*;

#[function_component(App)]
fn app() -> Html {
    html! { <p>{ "Hello, world" }</p> }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
