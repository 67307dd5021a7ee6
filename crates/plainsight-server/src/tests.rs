//! API tests: every route and every error, through the router in memory
//! (tower's `oneshot`), and graceful shutdown on a real loopback port.

use crate::{app, AppState, Limits};
use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use std::time::Duration;
use tower::ServiceExt;

/// A disguised post written for these tests: Cyrillic п and о, Greek υ, a
/// zero-width space and mathematical bold.
const POST: &str =
    "At 81, the singer fiпally breaks his silence: the trυ\u{200B}th abоut his 𝐒𝐄𝐂𝐑𝐄𝐓 sоn";

fn limits() -> Limits {
    Limits {
        max_body_bytes: 64 << 10,
        max_text_bytes: 8 << 10,
        max_batch: 8,
        timeout: Duration::from_secs(10),
        max_in_flight: 64,
        workers: 2,
        max_connections: 64,
        idle_timeout: Duration::from_secs(60),
    }
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// Asserts a JSON error with this status and code; returns the message.
    fn error(&self, status: StatusCode, code: &str) -> String {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        assert_eq!(
            self.headers[header::CONTENT_TYPE],
            "application/json",
            "errors are JSON"
        );
        let v = self.json();
        assert_eq!(v["code"], code, "{v}");
        let msg = v["error"].as_str().expect("error message").to_string();
        assert!(!msg.is_empty());
        msg
    }
}

async fn send(
    state: &AppState,
    method: Method,
    path: &str,
    ct: Option<&str>,
    body: Vec<u8>,
) -> Answer {
    let mut req = Request::builder().method(method).uri(path);
    if let Some(ct) = ct {
        req = req.header(header::CONTENT_TYPE, ct);
    }
    let res = app(state.clone())
        .oneshot(req.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

async fn get(state: &AppState, path: &str) -> Answer {
    send(state, Method::GET, path, None, Vec::new()).await
}

async fn post_json(state: &AppState, path: &str, v: &Value) -> Answer {
    post_raw(state, path, v.to_string().into_bytes()).await
}

async fn post_raw(state: &AppState, path: &str, body: Vec<u8>) -> Answer {
    send(state, Method::POST, path, Some("application/json"), body).await
}

fn state() -> AppState {
    AppState::new(limits())
}

// ---------------------------------------------------------------- routes

#[tokio::test]
async fn page_is_served_with_a_strict_policy() {
    let s = state();
    let a = get(&s, "/").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let csp = a.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("default-src 'self'"));
    let html = String::from_utf8(a.body).unwrap();
    assert!(html.contains("<textarea"));
    assert!(html.contains("/app.js") && html.contains("/app.css"));
    // offline: nothing is loaded from elsewhere
    assert!(!html.contains("http://") && !html.contains("https://"));
    for (path, ct) in [("/app.js", "text/javascript"), ("/app.css", "text/css")] {
        let a = get(&s, path).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        assert!(a.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with(ct));
        let body = String::from_utf8(a.body).unwrap();
        assert!(
            !body.contains("https://") && !body.contains("http://"),
            "{path} is offline"
        );
    }
}

#[tokio::test]
async fn healthz_answers() {
    let a = get(&state(), "/healthz").await;
    assert_eq!(a.status, StatusCode::OK);
    let v = a.json();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["in_flight"], 0);
    assert_eq!(v["index"], false);
    assert_eq!(v["index_posts"], Value::Null);
    assert_eq!(v["scan"], true);
}

#[tokio::test]
async fn openapi_lists_every_route() {
    let a = get(&state(), "/openapi.json").await;
    assert_eq!(a.status, StatusCode::OK);
    let v = a.json();
    assert!(v["openapi"].as_str().unwrap().starts_with("3."));
    let paths = v["paths"].as_object().unwrap();
    for (p, m) in [
        ("/healthz", "get"),
        ("/openapi.json", "get"),
        ("/v1/unmask", "post"),
        ("/v1/scan", "post"),
        ("/v1/campaigns/match", "post"),
        ("/v1/chars", "post"),
    ] {
        assert!(
            paths[p][m].is_object(),
            "{p} {m} missing from the OpenAPI document"
        );
    }
    let schemas = v["components"]["schemas"].as_object().unwrap();
    for s in [
        "ErrorBody",
        "UnmaskRecord",
        "ChangeOut",
        "TextsRequest",
        "CharInfo",
        "ScanOut",
        "CueOut",
        "CampaignOut",
    ] {
        assert!(schemas.contains_key(s), "schema {s} missing");
    }
    // every POST route documents its errors
    for (p, item) in paths {
        if let Some(op) = item.get("post") {
            for code in ["400", "413", "415", "422", "503"] {
                assert!(
                    op["responses"][code].is_object(),
                    "{p} does not document {code}"
                );
            }
        }
    }
}

#[tokio::test]
async fn unmask_one_mirrors_the_cli_record() {
    let a = post_json(
        &state(),
        "/v1/unmask",
        &json!({"id": 7, "text": POST, "lang": "en"}),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    let v = a.json();
    let u = plainsight::unmask(POST);
    assert_eq!(v["text"], u.text());
    assert!(v["text"]
        .as_str()
        .unwrap()
        .contains("finally breaks his silence: the truth about his SECRET son"));
    // other fields are echoed, in their order, then `unmask` is added (like --jsonl)
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["id", "text", "lang", "unmask"]);
    assert_eq!(v["id"], 7);
    // the changes are the library's own serialization
    assert_eq!(
        v["unmask"]["changes"],
        serde_json::to_value(u.changes()).unwrap()
    );
    let score = v["unmask"]["score"].as_f64().unwrap();
    assert!((score - u.score() as f64).abs() < 0.001);
    let classes: Vec<&str> = v["unmask"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["class"].as_str().unwrap())
        .collect();
    for c in ["homoglyph", "invisible", "styled"] {
        assert!(classes.contains(&c), "{c} in {classes:?}");
    }
}

#[tokio::test]
async fn unmask_batch_answers_in_order() {
    let texts = vec![
        "plain text",
        POST,
        "",
        "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
    ];
    let a = post_json(&state(), "/v1/unmask", &json!({ "texts": texts })).await;
    assert_eq!(a.status, StatusCode::OK);
    let v = a.json();
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), texts.len());
    for (r, t) in results.iter().zip(&texts) {
        assert_eq!(r["text"], plainsight::unmask(t).text());
        assert!(r["unmask"]["changes"].is_array());
    }
    assert_eq!(results[3]["text"], texts[3], "real Greek is left alone");
    assert_eq!(results[0]["unmask"]["changes"], json!([]));
    // an empty batch is fine
    let a = post_json(&state(), "/v1/unmask", &json!({ "texts": [] })).await;
    assert_eq!(a.json(), json!({ "results": [] }));
}

#[tokio::test]
async fn unmask_accepts_json_content_types_with_parameters() {
    for ct in [
        "application/json; charset=utf-8",
        "Application/JSON",
        "application/merge-patch+json",
    ] {
        let a = send(
            &state(),
            Method::POST,
            "/v1/unmask",
            Some(ct),
            br#"{"text":"x"}"#.to_vec(),
        )
        .await;
        assert_eq!(a.status, StatusCode::OK, "{ct}");
    }
}

#[tokio::test]
async fn chars_names_each_character_once() {
    let a = post_json(&state(), "/v1/chars", &json!({"text": "пnп\u{200B}𝐒"})).await;
    assert_eq!(a.status, StatusCode::OK);
    let v = a.json();
    let chars = v["chars"].as_array().unwrap();
    assert_eq!(chars.len(), 4);
    assert_eq!(
        chars[0],
        json!({"char": "п", "code_point": "U+043F", "name": "CYRILLIC SMALL LETTER PE", "script": "Cyrillic"})
    );
    assert_eq!(chars[1]["script"], "Latin");
    assert_eq!(chars[2]["name"], "ZERO WIDTH SPACE");
    assert_eq!(chars[3]["code_point"], "U+1D412");
    assert_eq!(chars[3]["name"], "MATHEMATICAL BOLD CAPITAL S");
    // unassigned code points have no name
    let a = post_json(&state(), "/v1/chars", &json!({"text": "\u{0378}"})).await;
    assert_eq!(a.json()["chars"][0]["name"], Value::Null);
}

// ---------------------------------------------------------------- errors

#[tokio::test]
async fn not_json_is_400() {
    let s = state();
    for path in ["/v1/unmask", "/v1/scan", "/v1/chars"] {
        let msg = post_raw(&s, path, b"{\"text\": ".to_vec())
            .await
            .error(StatusCode::BAD_REQUEST, "invalid_json");
        assert!(msg.contains("not valid JSON"), "{msg}");
        post_raw(&s, path, Vec::new())
            .await
            .error(StatusCode::BAD_REQUEST, "invalid_json");
        post_raw(&s, path, b"{\"text\": \"\xff\"}".to_vec())
            .await
            .error(StatusCode::BAD_REQUEST, "invalid_json");
    }
}

#[tokio::test]
async fn wrong_content_type_is_415() {
    let s = state();
    for ct in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let msg = send(
            &s,
            Method::POST,
            "/v1/unmask",
            ct,
            br#"{"text":"x"}"#.to_vec(),
        )
        .await
        .error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
        assert!(msg.contains("application/json"), "{msg}");
    }
}

#[tokio::test]
async fn wrong_shapes_are_422() {
    let s = state();
    let cases = [
        (json!("just a string"), "JSON object"),
        (json!([1, 2]), "JSON object"),
        (json!({"body": "x"}), "missing field \"text\""),
        (
            json!({"text": 5}),
            "\"text\" must be a string, not a number",
        ),
        (json!({"text": null}), "\"text\" must be a string, not null"),
        (json!({"text": "a", "texts": ["b"]}), "not both"),
        (json!({"texts": "a"}), "array of strings"),
        (
            json!({"texts": ["a", {"x": 1}]}),
            "\"texts\"[1] must be a string",
        ),
    ];
    for (body, want) in cases {
        let msg = post_json(&s, "/v1/unmask", &body)
            .await
            .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
        assert!(msg.contains(want), "{body}: {msg}");
    }
    let msg = post_json(&s, "/v1/chars", &json!({"texts": ["a"]}))
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
    assert!(msg.contains("not a batch"), "{msg}");
}

#[tokio::test]
async fn limits_are_413() {
    let s = state();
    let long = "п".repeat(5000); // 10000 bytes > 8 KiB
    let msg = post_json(&s, "/v1/unmask", &json!({ "text": long }))
        .await
        .error(StatusCode::PAYLOAD_TOO_LARGE, "text_too_long");
    assert!(msg.contains("10000 bytes") && msg.contains("8192"), "{msg}");
    let msg = post_json(&s, "/v1/unmask", &json!({ "texts": ["ok", long] }))
        .await
        .error(StatusCode::PAYLOAD_TOO_LARGE, "text_too_long");
    assert!(msg.contains("\"texts\"[1]"), "{msg}");
    post_json(&s, "/v1/chars", &json!({ "text": long }))
        .await
        .error(StatusCode::PAYLOAD_TOO_LARGE, "text_too_long");
    let msg = post_json(&s, "/v1/unmask", &json!({ "texts": vec!["a"; 9] }))
        .await
        .error(StatusCode::PAYLOAD_TOO_LARGE, "batch_too_large");
    assert!(
        msg.contains("9 items") && msg.contains("limit is 8"),
        "{msg}"
    );
    let big = json!({ "texts": vec!["x".repeat(8000); 9] }).to_string(); // > 64 KiB
    assert!(big.len() > 64 << 10);
    let msg = post_raw(&s, "/v1/unmask", big.into_bytes())
        .await
        .error(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large");
    assert!(msg.contains("65536"), "{msg}");
}

#[tokio::test]
async fn unknown_routes_are_404_and_wrong_methods_405() {
    let s = state();
    let msg = get(&s, "/v2/whatever")
        .await
        .error(StatusCode::NOT_FOUND, "not_found");
    assert!(msg.contains("/v2/whatever"), "{msg}");
    post_json(&s, "/v1/nothing", &json!({"text": "x"}))
        .await
        .error(StatusCode::NOT_FOUND, "not_found");
    let a = get(&s, "/v1/unmask").await;
    let msg = a.error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    assert!(msg.contains("GET is not allowed on /v1/unmask"), "{msg}");
    assert_eq!(a.headers[header::ALLOW], "POST");
    post_json(&s, "/healthz", &json!({}))
        .await
        .error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    send(&s, Method::DELETE, "/", None, Vec::new())
        .await
        .error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
}

#[tokio::test]
async fn too_many_in_flight_is_503_with_retry_after() {
    let s = AppState::new(Limits {
        max_in_flight: 2,
        ..limits()
    });
    // two requests already in flight
    s.inner
        .in_flight
        .fetch_add(2, std::sync::atomic::Ordering::SeqCst);
    let a = post_json(&s, "/v1/unmask", &json!({"text": "x"})).await;
    let msg = a.error(StatusCode::SERVICE_UNAVAILABLE, "overloaded");
    assert!(msg.contains("2 requests"), "{msg}");
    assert_eq!(a.headers[header::RETRY_AFTER], "1");
    // health checks still answer
    assert_eq!(get(&s, "/healthz").await.status, StatusCode::OK);
    s.inner
        .in_flight
        .fetch_sub(2, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(
        post_json(&s, "/v1/unmask", &json!({"text": "x"}))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        s.inner.in_flight.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "slots are given back"
    );
}

#[tokio::test]
async fn slow_requests_are_503_timeout() {
    let s = AppState::new(Limits {
        timeout: Duration::from_millis(100),
        workers: 1,
        ..limits()
    });
    // the only worker is busy: the request waits, then times out
    let busy = s.inner.workers.clone().acquire_owned().await.unwrap();
    let a = post_json(&s, "/v1/unmask", &json!({"text": POST})).await;
    let msg = a.error(StatusCode::SERVICE_UNAVAILABLE, "timeout");
    assert!(msg.contains("100 ms"), "{msg}");
    assert_eq!(a.headers[header::RETRY_AFTER], "1");
    drop(busy);
    assert_eq!(
        post_json(&s, "/v1/unmask", &json!({"text": POST}))
            .await
            .status,
        StatusCode::OK
    );
}

#[test]
fn change_schema_matches_the_library_serialization() {
    // the documented response type serializes exactly like the library's Change
    let u = plainsight::unmask(POST);
    let ours = serde_json::to_value(crate::api::UnmaskSummary::from(&u)).unwrap();
    assert_eq!(ours["changes"], serde_json::to_value(u.changes()).unwrap());
    assert_eq!(ours["score"], serde_json::to_value(&u).unwrap()["score"]);
}

// ---------------------------------------------------------------- real socket

/// Sends one HTTP/1.1 request over a fresh connection; returns status and body.
async fn http(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    body: &str,
) -> std::io::Result<(u16, String)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await?;
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).await?;
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|x| x.1)
        .unwrap_or("")
        .to_string();
    Ok((status, body))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_requests_in_flight() {
    let s = state();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(crate::serve(listener, s.clone(), async {
        let _ = stop_rx.await;
    }));
    let (code, body) = http(addr, "GET", "/healthz", "").await.unwrap();
    assert_eq!(code, 200, "{body}");

    // hold every worker so that the next request stays in flight
    let busy = s.inner.workers.clone().acquire_many_owned(2).await.unwrap();
    let body = json!({"text": POST}).to_string();
    let in_flight = tokio::spawn(async move { http(addr, "POST", "/v1/unmask", &body).await });
    while s.inner.in_flight.load(std::sync::atomic::Ordering::SeqCst) == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    stop_tx.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        !server.is_finished(),
        "the server waits for the request in flight"
    );
    drop(busy);
    let (code, body) = in_flight.await.unwrap().unwrap();
    assert_eq!(code, 200, "{body}");
    assert!(body.contains("finally"), "{body}");
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("the server stops once the request is answered")
        .unwrap()
        .unwrap();
    assert!(
        http(addr, "GET", "/healthz", "").await.is_err(),
        "no longer listening"
    );
}

// ---------------------------------------------------------------- scan

/// A made-up story in the genre, for these tests only.
const STORY: &str = "At 79, the beloved actor finally breaks his silence about the secret he kept for decades. \
Sources close to the family say he could no longer hide the truth. \"I never told anyone,\" he whispered, \
tears in his eyes, as the heartbreaking confession left everyone speechless.";

#[tokio::test]
async fn scan_one_mirrors_the_cli_record() {
    let a = post_json(&state(), "/v1/scan", &json!({"id": "a1", "text": STORY})).await;
    assert_eq!(a.status, StatusCode::OK);
    let v = a.json();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["id", "text", "scan"]);
    assert_eq!(v["text"], STORY, "scan keeps the text as sent");
    let s = plainsight::scan(STORY);
    assert_eq!(
        v["scan"],
        serde_json::to_value(&s).unwrap(),
        "same object as the library/CLI"
    );
    let cues = v["scan"]["cues"].as_array().unwrap();
    assert!(!cues.is_empty());
    for c in cues {
        let (start, end) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            c["text"],
            STORY[start..end],
            "cue offsets point into the input"
        );
    }
    assert!(
        ["fabricated", "uncertain", "genuine"].contains(&v["scan"]["verdict"].as_str().unwrap())
    );
}

#[tokio::test]
async fn scan_batch_answers_in_order() {
    let texts = [STORY, POST, "The city council meets on Tuesday."];
    let a = post_json(&state(), "/v1/scan", &json!({ "texts": texts })).await;
    assert_eq!(a.status, StatusCode::OK);
    let results = a.json()["results"].as_array().unwrap().clone();
    assert_eq!(results.len(), 3);
    for (r, t) in results.iter().zip(texts) {
        assert_eq!(r["text"], t);
        assert_eq!(
            r["scan"],
            serde_json::to_value(plainsight::scan(t)).unwrap()
        );
    }
    assert_eq!(results[1]["scan"]["disguised"], true);
}

#[tokio::test]
async fn scan_errors_are_json() {
    let s = state();
    post_json(&s, "/v1/scan", &json!({"texts": [1]}))
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
    post_json(&s, "/v1/scan", &json!({"text": "x".repeat(9000)}))
        .await
        .error(StatusCode::PAYLOAD_TOO_LARGE, "text_too_long");
    send(
        &s,
        Method::POST,
        "/v1/scan",
        Some("text/plain"),
        b"{}".to_vec(),
    )
    .await
    .error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    get(&s, "/v1/scan")
        .await
        .error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
}

#[test]
fn scan_schema_matches_the_library_serialization() {
    for t in [STORY, POST, ""] {
        let s = plainsight::scan(t);
        assert_eq!(
            serde_json::to_value(crate::api::ScanOut::from(&s)).unwrap(),
            serde_json::to_value(&s).unwrap(),
            "update ScanOut in api.rs to match plainsight::Scan"
        );
    }
}

// ---------------------------------------------------------------- campaigns

/// Swaps Latin o and a for their Cyrillic look-alikes.
fn disguise(s: &str) -> String {
    s.replace('o', "о").replace('a', "а")
}

/// Builds a campaign index with three copies of STORY's campaign (one
/// disguised) and one unrelated post.
fn index_state(dir: &tempfile::TempDir) -> AppState {
    use plainsight::campaign::{Params, Post};
    let path = dir.path().join("campaigns.idx");
    let p = Params::default();
    let posts = [
        STORY.to_string(),
        STORY.replace("79", "80").replace("decades", "years"),
        disguise(STORY),
        "The city council approved the new budget for the public library on Tuesday evening."
            .to_string(),
    ];
    let mut ix = plainsight::campaign::Index::open(&path, None, true).unwrap();
    let posts: Vec<Post> = posts.iter().map(|t| Post::of(t, &p)).collect();
    assert_eq!(ix.commit(&posts).unwrap(), [0, 1, 2, 3]);
    drop(ix);
    AppState::with_index(limits(), &path).unwrap()
}

#[tokio::test]
async fn campaigns_match_finds_the_campaign() {
    let dir = tempfile::tempdir().unwrap();
    let s = index_state(&dir);
    let h = get(&s, "/healthz").await.json();
    assert_eq!(h["index"], true);
    assert_eq!(h["index_posts"], 4);

    let variant = STORY.replace("79", "81").replace("beloved", "famous");
    let a = post_json(
        &s,
        "/v1/campaigns/match",
        &json!({"id": 9, "text": variant}),
    )
    .await;
    assert_eq!(
        a.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&a.body)
    );
    let v = a.json();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["id", "text", "campaign"]);
    assert_eq!(v["text"], variant);
    assert_eq!(v["campaign"]["id"], 0);
    assert_eq!(v["campaign"]["size"], 3);
    assert!(v["campaign"]["similarity"].as_f64().unwrap() >= 0.5);

    let a = post_json(
        &s,
        "/v1/campaigns/match",
        &json!({"texts": [disguise(&variant), "A recipe for lemon cake with fresh berries and cream."]}),
    )
    .await;
    let r = a.json()["results"].as_array().unwrap().clone();
    assert_eq!(r[0]["campaign"]["id"], 0, "disguise does not hide the copy");
    assert_eq!(r[1]["campaign"], Value::Null, "no campaign: null");
    assert_eq!(
        r[1]["text"],
        "A recipe for lemon cake with fresh berries and cream."
    );
}

#[tokio::test]
async fn the_index_reloads_from_its_file() {
    use plainsight::campaign::{Params, Post};
    let dir = tempfile::tempdir().unwrap();
    let s = index_state(&dir);
    let cake = "A recipe for lemon cake with fresh berries, cream and a little mint on top.";
    let a = post_json(&s, "/v1/campaigns/match", &json!({ "text": cake })).await;
    assert_eq!(a.json()["campaign"], Value::Null);
    // the CLI appends to the index while the server runs
    let path = dir.path().join("campaigns.idx");
    let mut ix = plainsight::campaign::Index::open(&path, None, true).unwrap();
    ix.commit(&[Post::of(cake, &Params::default())]).unwrap();
    drop(ix);
    assert_eq!(s.reload_index().unwrap(), Some(5));
    let a = post_json(&s, "/v1/campaigns/match", &json!({ "text": cake })).await;
    assert_eq!(a.json()["campaign"]["id"], 4);
    assert_eq!(get(&s, "/healthz").await.json()["index_posts"], 5);
    // a broken file leaves the old index in force
    std::fs::write(&path, b"junk").unwrap();
    assert!(s.reload_index().is_err());
    assert_eq!(get(&s, "/healthz").await.json()["index_posts"], 5);
    // no index: nothing to reload
    assert_eq!(state().reload_index().unwrap(), None);
}

#[tokio::test]
async fn campaigns_match_without_an_index_is_404() {
    let msg = post_json(&state(), "/v1/campaigns/match", &json!({"text": STORY}))
        .await
        .error(StatusCode::NOT_FOUND, "no_index");
    assert!(msg.contains("--index"), "{msg}");
}

#[tokio::test]
async fn campaigns_match_errors_are_json() {
    let dir = tempfile::tempdir().unwrap();
    let s = index_state(&dir);
    post_raw(&s, "/v1/campaigns/match", b"nope".to_vec())
        .await
        .error(StatusCode::BAD_REQUEST, "invalid_json");
    post_json(&s, "/v1/campaigns/match", &json!({"texts": vec!["a"; 9]}))
        .await
        .error(StatusCode::PAYLOAD_TOO_LARGE, "batch_too_large");
}

#[test]
fn a_missing_index_is_a_start_up_error() {
    let dir = tempfile::tempdir().unwrap();
    let e = AppState::from_config(&crate::Config {
        index: Some(dir.path().join("none.idx")),
        ..crate::Config::default()
    })
    .err()
    .unwrap();
    assert!(e.contains("no such index"), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_does_not_wait_forever_for_a_stalled_client() {
    use tokio::io::AsyncWriteExt;
    let s = AppState::new(Limits {
        timeout: Duration::from_millis(200),
        ..limits()
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(crate::serve(listener, s, async {
        let _ = stop_rx.await;
    }));
    // half a request line, and then nothing
    let mut stalled = tokio::net::TcpStream::connect(addr).await.unwrap();
    stalled.write_all(b"POST /v1/unm").await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let t = std::time::Instant::now();
    stop_tx.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("the server stops within timeout + 1 s")
        .unwrap()
        .unwrap();
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    drop(stalled);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_connections_are_closed() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let s = AppState::new(Limits {
        timeout: Duration::from_millis(100),
        idle_timeout: Duration::ZERO, // raised to timeout + 1 s
        ..limits()
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (_stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(crate::serve(listener, s, async {
        let _ = stop_rx.await;
    }));
    // a client that sends half a request line and then nothing
    let mut c = tokio::net::TcpStream::connect(addr).await.unwrap();
    c.write_all(b"GET /hea").await.unwrap();
    let t = std::time::Instant::now();
    let mut buf = Vec::new();
    let r = tokio::time::timeout(Duration::from_secs(5), c.read_to_end(&mut buf))
        .await
        .expect("the server closes the idle connection");
    assert!(
        r.is_err() || buf.is_empty() || buf.starts_with(b"HTTP/1.1 4"),
        "{r:?}"
    );
    let waited = t.elapsed();
    assert!(waited >= Duration::from_millis(900), "{waited:?}");
    assert!(waited < Duration::from_secs(4), "{waited:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_past_the_limit_wait() {
    let s = AppState::new(Limits {
        max_connections: 1,
        ..limits()
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (_stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(crate::serve(listener, s, async {
        let _ = stop_rx.await;
    }));
    // the one connection allowed, held open and idle
    let first = tokio::net::TcpStream::connect(addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(50)).await;
    let second = tokio::spawn(async move { http(addr, "GET", "/healthz", "").await });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!second.is_finished(), "the second connection waits");
    drop(first);
    let (code, _) = tokio::time::timeout(Duration::from_secs(5), second)
        .await
        .expect("answered once the first connection closed")
        .unwrap()
        .unwrap();
    assert_eq!(code, 200);
}

#[tokio::test]
async fn a_panic_in_the_engine_is_a_500_not_a_dropped_connection() {
    let s = state();
    let e = s
        .compute(|| -> u8 { panic!("engine bug (expected by this test)") })
        .await
        .unwrap_err();
    assert_eq!(e.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(e.body.code, "internal");
    // the worker permit came back
    assert_eq!(s.inner.workers.available_permits(), 2);
}
