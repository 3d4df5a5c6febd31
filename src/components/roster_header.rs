//! Counts (a link to the organization in Zulip, when rows link), what the proxy's privacy
//! setting hides, and the search box.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`RosterHeader`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct RosterHeaderProps {
    /// "12 active · 3 idle · 80 offline", in the viewer's language.
    pub summary: AttrValue,
    /// The search box's label.
    pub search_label: AttrValue,
    /// The search text.
    pub query: AttrValue,
    /// Called with the new search text as the viewer types.
    pub onsearch: Callback<String>,
    /// Whether to show the search box (not in compact mode, nor when the proxy sends
    /// counts only).
    #[prop_or(true)]
    pub search: bool,
    /// What the proxy's privacy setting hides, when it hides anything.
    #[prop_or_default]
    pub privacy_note: Option<AttrValue>,
    /// The organization in Zulip, and what the link says of itself, when rows link.
    #[prop_or_default]
    pub org: Option<(AttrValue, AttrValue)>,
}

/// "12 active · 3 idle · 80 offline" and a labelled search box.
#[function_component(RosterHeader)]
pub fn roster_header(props: &RosterHeaderProps) -> Html {
    let oninput = {
        let onsearch = props.onsearch.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            onsearch.emit(input.value());
        })
    };
    html! {
        <div class="roster-header" part="header">
            <p class="counts">
                if let Some((href, says)) = &props.org {
                    // A new tab: the roster's page stays where the visitor was.
                    <a part="org-link" href={href.clone()} target="_blank" rel="noopener noreferrer" title={says.clone()}>{ props.summary.clone() }</a>
                } else {
                    { props.summary.clone() }
                }
            </p>
            if let Some(note) = &props.privacy_note {
                <p class="privacy" part="privacy">{ note.clone() }</p>
            }
            if props.search {
            <input
                part="search"
                class="search"
                type="search"
                aria-label={props.search_label.clone()}
                placeholder={props.search_label.clone()}
                autocomplete="off"
                value={props.query.clone()}
                {oninput}
            />
            }
        </div>
    }
}
