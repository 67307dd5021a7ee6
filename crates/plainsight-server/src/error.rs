//! JSON errors: every failure the server reports is one of these, with a
//! stable machine-readable `code`, a sentence for people and an HTTP status.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong, in one sentence for people.
    #[schema(example = "\"text\" is 150000 bytes; the limit is 100000 bytes")]
    pub error: String,
    /// A stable code for programs: `invalid_json`, `invalid_request`,
    /// `unsupported_media_type`, `body_too_large`, `text_too_long`,
    /// `batch_too_large`, `not_found`, `method_not_allowed`, `no_index`,
    /// `overloaded`, `timeout`, `internal`.
    #[schema(example = "text_too_long")]
    pub code: &'static str,
}

/// An error with its HTTP status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status code.
    pub status: StatusCode,
    /// The JSON body.
    pub body: ErrorBody,
}

impl ApiError {
    /// An error with a status, a code and a message.
    pub fn new(status: StatusCode, code: &'static str, error: impl Into<String>) -> ApiError {
        ApiError {
            status,
            body: ErrorBody {
                error: error.into(),
                code,
            },
        }
    }

    /// 400: the body is not JSON.
    pub fn invalid_json(e: impl std::fmt::Display) -> ApiError {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            format!("the body is not valid JSON: {e}"),
        )
    }

    /// 422: JSON, but not the shape the route expects.
    pub fn invalid_request(msg: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request", msg)
    }

    /// 503: too many requests in flight; try again shortly.
    pub fn overloaded(limit: usize) -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "overloaded",
            format!("the server already has {limit} requests in flight; retry in a moment"),
        )
    }

    /// 503: the request did not finish within the time limit.
    pub fn timeout(limit: std::time::Duration) -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            format!(
                "the request did not finish within {} ms; send less text per request",
                limit.as_millis()
            ),
        )
    }

    /// 500: a bug on our side (a worker failed).
    pub fn internal(msg: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", msg)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let retry = self.status == StatusCode::SERVICE_UNAVAILABLE;
        let mut r = (self.status, axum::Json(self.body)).into_response();
        if retry {
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        r
    }
}
