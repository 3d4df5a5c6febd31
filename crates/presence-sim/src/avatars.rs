//! Avatars: uploaded ones under `/user_avatars/`, and the default image.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::server::{lock, not_found, AppState};

/// A generated avatar: initials on a colour derived from the id. Public, like Zulip's.
pub(crate) async fn avatar(
    State(state): State<Arc<AppState>>,
    Path(file): Path<String>,
) -> Response {
    let id = file
        .strip_suffix(".svg")
        .and_then(|id| id.parse::<i64>().ok());
    avatar_of(&state, id).await
}

/// An uploaded avatar, stored locally: public, as a Zulip server's nginx serves
/// `/user_avatars/` to anyone (avatars show on the login page and in emails).
pub(crate) async fn uploaded_avatar(
    State(state): State<Arc<AppState>>,
    Path((realm, file)): Path<(i64, String)>,
) -> Response {
    let id = (realm == crate::deployment::REALM_ID)
        .then(|| crate::deployment::id_of_upload(&file))
        .flatten();
    avatar_of(&state, id).await
}

/// Zulip's default avatar (a grey silhouette), public like all of `/static/`.
pub(crate) async fn default_avatar() -> Response {
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">\
               <rect width=\"64\" height=\"64\" fill=\"#c8cbd0\"/><circle cx=\"32\" cy=\"25\" r=\"12\" fill=\"#fff\"/>\
               <ellipse cx=\"32\" cy=\"58\" rx=\"22\" ry=\"16\" fill=\"#fff\"/></svg>";
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        svg,
    )
        .into_response()
}

async fn avatar_of(state: &AppState, id: Option<i64>) -> Response {
    let name = id.and_then(|id| lock(&state.org).name_of(id).map(str::to_owned));
    let (Some(id), Some(name)) = (id, name) else {
        return not_found().await;
    };
    let initials: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .map(|c| match c {
            '<' | '>' | '&' | '"' | '\'' => '?',
            c => c,
        })
        .collect();
    let hue = (id * 47) % 360;
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">\
         <rect width=\"64\" height=\"64\" rx=\"12\" fill=\"hsl({hue},45%,45%)\"/>\
         <text x=\"32\" y=\"41\" font-family=\"sans-serif\" font-size=\"26\" text-anchor=\"middle\" fill=\"#fff\">{initials}</text></svg>"
    );
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        svg,
    )
        .into_response()
}
