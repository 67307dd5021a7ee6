//! The web page: three files embedded in the binary, so it works offline.
//!
//! A strict Content-Security-Policy (`default-src 'self'`) keeps the page from
//! loading anything but itself and from running injected script, so a hostile
//! post pasted into it can never execute.

use crate::AppState;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

const HTML: &str = include_str!("../assets/index.html");
const JS: &str = include_str!("../assets/app.js");
const CSS: &str = include_str!("../assets/app.css");

const CSP: &str = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "no-referrer"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
}

/// `/`, `/app.js`, `/app.css`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/",
            get(|| async { asset("text/html; charset=utf-8", HTML) }),
        )
        .route(
            "/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", JS) }),
        )
        .route(
            "/app.css",
            get(|| async { asset("text/css; charset=utf-8", CSS) }),
        )
}
