//! The JSON routes and their OpenAPI description.
//!
//! Response bodies mirror the CLI's `--jsonl` objects: a record is the request
//! object with `text` replaced by the restored text and one object added per
//! stage (`unmask`, ...). The response types below exist both to serialize
//! the answers and to generate the OpenAPI schemas, so the two cannot drift.

use crate::chars::{self, CharInfo};
use crate::error::{ApiError, ErrorBody};
use crate::input::{self, Input};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::{OpenApi, ToSchema};

/// The OpenAPI document of the server, generated from the route handlers and
/// response types; served at `GET /openapi.json`.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "plainsight",
        description = "See through fabricated celebrity stories and the text tricks that hide them. \
            Every POST route takes {\"text\": \"...\"} (other fields are echoed back) or \
            {\"texts\": [\"...\", ...]} and answers with the CLI's --jsonl object, or {\"results\": [...]} \
            for a batch. Errors are {\"error\": \"...\", \"code\": \"...\"}."
    ),
    paths(healthz, openapi_json, unmask, scan, campaigns_match, chars_route),
    components(schemas(
        TextsRequest, OneText, ManyTexts, TextRequest, UnmaskResponse, UnmaskRecord, UnmaskBatch,
        UnmaskSummary, ChangeOut, Span, ScanResponse, ScanRecord, ScanBatch, ScanOut,
        CueOut, SignalOut, ScanUnmask, CampaignResponse, CampaignRecord,
        CampaignBatch, CampaignOut, CharsResponse, CharInfo, Health, ErrorBody
    )),
    tags(
        (name = "unmask", description = "Restore disguised text"),
        (name = "scan", description = "Evidence of a fabricated story"),
        (name = "campaigns", description = "Copies and variants of one story, from a campaign index"),
        (name = "meta", description = "Health, documentation and Unicode look-ups")
    )
)]
pub struct ApiDoc;

// ---------------------------------------------------------------- request docs

/// One text. Other fields (an `id`, say) are echoed back in the answer.
#[derive(Serialize, ToSchema)]
pub struct OneText {
    /// The post to process (UTF-8, at most `max_text_bytes`).
    #[schema(example = "At 77, he fiпally told the trυth")]
    pub text: String,
}

/// A batch of texts, answered in order.
#[derive(Serialize, ToSchema)]
pub struct ManyTexts {
    /// The posts to process (at most `max_batch` of them).
    pub texts: Vec<String>,
}

/// `{"text": "..."}` or `{"texts": [...]}`.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum TextsRequest {
    /// One text.
    One(OneText),
    /// A batch.
    Many(ManyTexts),
}

/// One text (no batch form).
#[derive(Serialize, ToSchema)]
pub struct TextRequest {
    /// The text to look up.
    #[schema(example = "fiпally")]
    pub text: String,
}

// ---------------------------------------------------------------- unmask

/// A byte range: `start` inclusive, `end` exclusive.
#[derive(Serialize, ToSchema, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl From<&std::ops::Range<usize>> for Span {
    fn from(r: &std::ops::Range<usize>) -> Span {
        Span {
            start: r.start,
            end: r.end,
        }
    }
}

/// One change, exactly as `plainsight unmask --jsonl` reports it.
#[derive(Serialize, ToSchema, Debug, Clone, PartialEq)]
pub struct ChangeOut {
    /// Bytes of the input that were replaced.
    pub input: Span,
    /// Bytes of the restored text that replaced them.
    pub output: Span,
    /// The replaced input text.
    pub original: String,
    /// What replaced it (empty when characters were removed).
    pub replacement: String,
    /// The class of disguise: `homoglyph`, `styled`, `invisible`, `bidi`,
    /// `deletion`, `zalgo`, `space` (the library's list; it may grow).
    #[schema(example = "homoglyph")]
    pub class: String,
    /// Scripts of the original letters, then the script restored into.
    pub scripts: Vec<String>,
    /// How sure the engine is, in [0, 1], three decimals.
    pub confidence: f64,
}

/// The `unmask` object of a record.
#[derive(Serialize, ToSchema, Debug, Clone, PartialEq)]
pub struct UnmaskSummary {
    /// Obfuscation score in [0, 1], three decimals.
    pub score: f64,
    /// Every change, in input order.
    pub changes: Vec<ChangeOut>,
}

/// Rounds to three decimals, as the CLI does.
pub fn round3(x: f32) -> f64 {
    (x as f64 * 1000.0).round() / 1000.0
}

impl From<&plainsight::Unmasked<'_>> for UnmaskSummary {
    fn from(u: &plainsight::Unmasked<'_>) -> UnmaskSummary {
        UnmaskSummary {
            score: round3(u.score()),
            changes: u
                .changes()
                .iter()
                .map(|c| ChangeOut {
                    input: (&c.input).into(),
                    output: (&c.output).into(),
                    original: c.original.to_string(),
                    replacement: c.replacement.to_string(),
                    class: c.class.name().to_string(),
                    scripts: c.scripts.iter().map(|s| s.to_string()).collect(),
                    confidence: round3(c.confidence),
                })
                .collect(),
        }
    }
}

/// A restored post: the request object with `text` restored and `unmask` added.
#[derive(Serialize, ToSchema)]
pub struct UnmaskRecord {
    /// The restored text.
    #[schema(example = "At 77, he finally told the truth")]
    pub text: String,
    /// Score and changes.
    pub unmask: UnmaskSummary,
}

/// The answer to a batch: one record per text, in order.
#[derive(Serialize, ToSchema)]
pub struct UnmaskBatch {
    /// The records.
    pub results: Vec<UnmaskRecord>,
}

/// A record, or `{"results": [...]}` for a batch.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum UnmaskResponse {
    /// For `{"text": ...}`.
    One(UnmaskRecord),
    /// For `{"texts": [...]}`.
    Many(UnmaskBatch),
}

/// The fields `unmask` puts in a record: the restored `text` and `unmask`.
pub fn unmask_fields(text: &str) -> Vec<(&'static str, Value)> {
    let u = plainsight::unmask(text);
    let summary = serde_json::to_value(UnmaskSummary::from(&u)).unwrap_or(Value::Null);
    vec![("text", Value::String(u.into_text())), ("unmask", summary)]
}

// ---------------------------------------------------------------- scan

/// One piece of evidence, pointing at the input (byte offsets).
#[derive(Serialize, ToSchema, Debug, Clone, PartialEq)]
pub struct CueOut {
    /// The family of evidence: `disguise`, `hook`, `sourcing`, `quote`,
    /// `secrecy`, `style`, `clickbait`, `rumor`, `attribution`, `wording`
    /// (the library's list; it may grow).
    #[schema(example = "hook")]
    pub family: String,
    /// Start byte offset in the input (inclusive).
    pub start: usize,
    /// End byte offset in the input (exclusive).
    pub end: usize,
    /// The input text of the span.
    pub text: String,
    /// Contribution to the log-odds of the score: positive for fabrication.
    pub weight: f64,
}

/// A document-level signal with no single span.
#[derive(Serialize, ToSchema, Debug, Clone, PartialEq)]
pub struct SignalOut {
    /// Feature name.
    pub name: String,
    /// Its value in this document.
    pub value: f64,
    /// Its contribution to the log-odds.
    pub weight: f64,
}

/// What unmask found, in short, inside a scan.
#[derive(Serialize, ToSchema, Debug, Clone, PartialEq)]
pub struct ScanUnmask {
    /// Obfuscation score of the input.
    pub score: f64,
    /// Number of changes.
    pub changes: usize,
    /// Number of changes per class.
    pub classes: std::collections::BTreeMap<String, usize>,
}

/// The `scan` object of a record, as `plainsight scan --jsonl` writes it.
#[derive(Serialize, ToSchema, Debug, Clone, PartialEq)]
pub struct ScanOut {
    /// Probability that the story is fabricated, in [0, 1].
    pub score: f64,
    /// The verdict drawn from the score: `fabricated` (from 0.7),
    /// `uncertain`, `genuine` (up to 0.3).
    #[schema(example = "fabricated")]
    pub verdict: String,
    /// Whether the input is disguised.
    pub disguised: bool,
    /// The evidence, in input order.
    pub cues: Vec<CueOut>,
    /// Document-level signals.
    pub signals: Vec<SignalOut>,
    /// What unmask found.
    pub unmask: ScanUnmask,
}

impl From<&plainsight::Scan> for ScanOut {
    fn from(s: &plainsight::Scan) -> ScanOut {
        ScanOut {
            score: round3(s.score),
            verdict: s.verdict.name().to_string(),
            disguised: s.disguised,
            cues: s
                .cues
                .iter()
                .map(|c| CueOut {
                    family: c.family.name().to_string(),
                    start: c.start,
                    end: c.end,
                    text: c.text.clone(),
                    weight: round3(c.weight),
                })
                .collect(),
            signals: s
                .signals
                .iter()
                .map(|g| SignalOut {
                    name: g.name.to_string(),
                    value: round3(g.value),
                    weight: round3(g.weight),
                })
                .collect(),
            unmask: ScanUnmask {
                score: round3(s.unmask.score),
                changes: s.unmask.changes,
                classes: s
                    .unmask
                    .classes
                    .iter()
                    .map(|(k, v)| (k.to_string(), *v))
                    .collect(),
            },
        }
    }
}

/// A scanned post: the request object (text unchanged) with `scan` added.
#[derive(Serialize, ToSchema)]
pub struct ScanRecord {
    /// The text, as sent.
    pub text: String,
    /// Score, verdict and evidence.
    pub scan: ScanOut,
}

/// The answer to a batch: one record per text, in order.
#[derive(Serialize, ToSchema)]
pub struct ScanBatch {
    /// The records.
    pub results: Vec<ScanRecord>,
}

/// A record, or `{"results": [...]}` for a batch.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum ScanResponse {
    /// For `{"text": ...}`.
    One(ScanRecord),
    /// For `{"texts": [...]}`.
    Many(ScanBatch),
}

/// The fields `scan` puts in a record: `text` as sent and `scan`.
pub fn scan_fields(text: &str) -> Vec<(&'static str, Value)> {
    let s = plainsight::scan(text);
    let out = serde_json::to_value(ScanOut::from(&s)).unwrap_or(Value::Null);
    vec![("text", Value::String(text.to_string())), ("scan", out)]
}

// ---------------------------------------------------------------- campaigns

/// The known campaign a post belongs to.
#[derive(Serialize, ToSchema, Debug, Clone, PartialEq)]
pub struct CampaignOut {
    /// The campaign's id: the number of its earliest post in the index.
    pub id: u32,
    /// Posts of the campaign in the index.
    pub size: u32,
    /// Estimated similarity (Jaccard of word shingles) to the campaign's first post.
    pub similarity: f64,
}

/// A matched post: the request object with `campaign` added (null: no match).
#[derive(Serialize, ToSchema)]
pub struct CampaignRecord {
    /// The text, as sent.
    pub text: String,
    /// The campaign, or null when the post matches none.
    pub campaign: Option<CampaignOut>,
}

/// The answer to a batch: one record per text, in order.
#[derive(Serialize, ToSchema)]
pub struct CampaignBatch {
    /// The records.
    pub results: Vec<CampaignRecord>,
}

/// A record, or `{"results": [...]}` for a batch.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum CampaignResponse {
    /// For `{"text": ...}`.
    One(CampaignRecord),
    /// For `{"texts": [...]}`.
    Many(CampaignBatch),
}

/// The campaign of `text` in `c`, as `plainsight campaigns --index PATH match` reports it.
pub fn campaign_of(c: &plainsight::campaign::Campaigns, text: &str) -> Option<CampaignOut> {
    let post = plainsight::campaign::Post::of(text, c.params());
    c.best_match(&post).map(|m| CampaignOut {
        id: m.campaign,
        size: c.size(m.campaign),
        similarity: round3(c.similarity_to(&post, m.campaign)),
    })
}

// ---------------------------------------------------------------- handlers

/// Maps axum's body rejection (mostly: over the body limit) to a JSON error.
fn body(b: Result<Bytes, BytesRejection>, state: &AppState) -> Result<Bytes, ApiError> {
    b.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body_too_large",
                format!(
                    "the request body is larger than {} bytes; split it into several requests",
                    state.limits().max_body_bytes
                ),
            )
        } else {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                format!("cannot read the request body: {}", e.body_text()),
            )
        }
    })
}

/// Runs `fields` on each text of a `{"text"}` / `{"texts"}` request.
async fn records<F>(
    state: &AppState,
    headers: &HeaderMap,
    body_bytes: Result<Bytes, BytesRejection>,
    fields: F,
) -> Result<Json<Value>, ApiError>
where
    F: Fn(&str) -> Vec<(&'static str, Value)> + Send + 'static,
{
    let bytes = body(body_bytes, state)?;
    let parsed = input::texts(headers, &bytes, state.limits())?;
    drop(bytes);
    state
        .compute(move || match parsed {
            Input::One { mut object, text } => {
                for (k, v) in fields(&text) {
                    object.insert(k.to_string(), v);
                }
                Value::Object(object)
            }
            Input::Many(texts) => {
                let results = texts
                    .iter()
                    .map(|t| {
                        let mut o = Map::new();
                        for (k, v) in fields(t) {
                            o.insert(k.to_string(), v);
                        }
                        Value::Object(o)
                    })
                    .collect();
                let mut o = Map::new();
                o.insert("results".into(), Value::Array(results));
                Value::Object(o)
            }
        })
        .await
        .map(Json)
}

/// Restore disguised text.
///
/// Look-alike letters from any script, styled letters, invisible characters,
/// bidi reordering, deletion controls, zalgo marks and exotic spaces are
/// undone; real text in every language is left byte-identical. The answer is
/// the object `plainsight unmask --jsonl` writes.
#[utoipa::path(
    post, path = "/v1/unmask", tag = "unmask",
    request_body(content = TextsRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The restored record, or {\"results\": [...]} for a batch", body = UnmaskResponse),
        (status = 400, description = "The body is not JSON", body = ErrorBody),
        (status = 413, description = "Body, text or batch over its limit", body = ErrorBody),
        (status = 415, description = "Content-Type is not application/json", body = ErrorBody),
        (status = 422, description = "JSON, but not {\"text\"} or {\"texts\"}", body = ErrorBody),
        (status = 503, description = "Overloaded or timed out; retry (see Retry-After)", body = ErrorBody),
    )
)]
pub async fn unmask(
    State(state): State<AppState>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    records(&state, &headers, b, unmask_fields).await
}

/// Scan a post for the evidence of a fabricated story.
///
/// A calibrated score, a verdict and the cues (spans of the input, with
/// their family and weight). The answer is the object
/// `plainsight scan --jsonl` writes: the text as sent, and `scan`.
#[utoipa::path(
    post, path = "/v1/scan", tag = "scan",
    request_body(content = TextsRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The scanned record, or {\"results\": [...]} for a batch", body = ScanResponse),
        (status = 400, description = "The body is not JSON", body = ErrorBody),
        (status = 413, description = "Body, text or batch over its limit", body = ErrorBody),
        (status = 415, description = "Content-Type is not application/json", body = ErrorBody),
        (status = 422, description = "JSON, but not {\"text\"} or {\"texts\"}", body = ErrorBody),
        (status = 503, description = "Overloaded or timed out; retry (see Retry-After)", body = ErrorBody),
    )
)]
pub async fn scan(
    State(state): State<AppState>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    records(&state, &headers, b, scan_fields).await
}

/// Match posts against the campaign index loaded with `--index`.
///
/// Each post gets the campaign it belongs to (`id`, `size`, `similarity`), or
/// null. The answer is the object `plainsight campaigns --index PATH match`
/// writes. Without an index the route answers 404 `no_index`.
#[utoipa::path(
    post, path = "/v1/campaigns/match", tag = "campaigns",
    request_body(content = TextsRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The matched record, or {\"results\": [...]} for a batch", body = CampaignResponse),
        (status = 400, description = "The body is not JSON", body = ErrorBody),
        (status = 404, description = "The server was started without --index", body = ErrorBody),
        (status = 413, description = "Body, text or batch over its limit", body = ErrorBody),
        (status = 415, description = "Content-Type is not application/json", body = ErrorBody),
        (status = 422, description = "JSON, but not {\"text\"} or {\"texts\"}", body = ErrorBody),
        (status = 503, description = "Overloaded or timed out; retry (see Retry-After)", body = ErrorBody),
    )
)]
pub async fn campaigns_match(
    State(state): State<AppState>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let Some(ix) = state.index() else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no_index",
            "this server has no campaign index; start it with `plainsight serve --index PATH`",
        ));
    };
    records(&state, &headers, b, move |text| {
        let c = campaign_of(&ix.campaigns, text);
        vec![
            ("text", Value::String(text.to_string())),
            ("campaign", serde_json::to_value(c).unwrap_or(Value::Null)),
        ]
    })
    .await
}

/// Unicode names, code points and scripts of the characters of a text.
///
/// One entry per distinct character, in order of first appearance; the web
/// page uses it to explain each change.
#[utoipa::path(
    post, path = "/v1/chars", tag = "meta",
    request_body(content = TextRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The characters", body = CharsResponse),
        (status = 400, description = "The body is not JSON", body = ErrorBody),
        (status = 413, description = "Body or text over its limit", body = ErrorBody),
        (status = 415, description = "Content-Type is not application/json", body = ErrorBody),
        (status = 422, description = "JSON, but not {\"text\": \"...\"}", body = ErrorBody),
        (status = 503, description = "Overloaded or timed out; retry", body = ErrorBody),
    )
)]
pub async fn chars_route(
    State(state): State<AppState>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Result<Json<CharsResponse>, ApiError> {
    let bytes = body(b, &state)?;
    match input::texts(&headers, &bytes, state.limits())? {
        Input::One { text, .. } => {
            let chars = state.compute(move || chars::describe(&text)).await?;
            Ok(Json(CharsResponse { chars }))
        }
        Input::Many(_) => Err(ApiError::invalid_request(
            "/v1/chars takes one {\"text\": \"...\"}, not a batch",
        )),
    }
}

/// The characters of a text.
#[derive(Serialize, ToSchema)]
pub struct CharsResponse {
    /// One entry per distinct character, in order of first appearance.
    pub chars: Vec<CharInfo>,
}

/// What `/healthz` answers.
#[derive(Serialize, ToSchema)]
pub struct Health {
    /// Always `ok` when the server answers.
    #[schema(example = "ok")]
    pub status: &'static str,
    /// The server's version.
    pub version: &'static str,
    /// Requests in flight under `/v1/`.
    pub in_flight: usize,
    /// Whether `/v1/scan` is available.
    pub scan: bool,
    /// Whether a campaign index is loaded (`/v1/campaigns/match` works).
    pub index: bool,
    /// Posts in the campaign index, when one is loaded.
    pub index_posts: Option<usize>,
}

/// Liveness and version.
#[utoipa::path(get, path = "/healthz", tag = "meta",
    responses((status = 200, description = "The server is up", body = Health)))]
pub async fn healthz(State(state): State<AppState>) -> Json<Health> {
    let index = state.index();
    Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        in_flight: state
            .inner
            .in_flight
            .load(std::sync::atomic::Ordering::Relaxed),
        scan: true,
        index: index.is_some(),
        index_posts: index.as_ref().map(|ix| ix.campaigns.len()),
    })
}

/// This OpenAPI document.
#[utoipa::path(get, path = "/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json")))]
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// 404 for every unknown path.
pub async fn not_found(uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        format!("no route {}; see /openapi.json for the routes", uri.path()),
    )
}

/// 405 for a known path with the wrong method (axum adds the `Allow` header).
pub async fn method_not_allowed(method: axum::http::Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!(
            "{method} is not allowed on {}; the Allow header lists the methods that are",
            uri.path()
        ),
    )
}

/// The `/v1/` routes (behind the limits).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/unmask", post(unmask))
        .route("/v1/scan", post(scan))
        .route("/v1/campaigns/match", post(campaigns_match))
        .route("/v1/chars", post(chars_route))
}

/// `/healthz` and `/openapi.json` (outside the limits: they must answer under load).
pub fn meta_routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/openapi.json", get(openapi_json))
}
