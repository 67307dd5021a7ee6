//! # plainsight-server
//!
//! `plainsight serve`: the plainsight engine behind an HTTP API, and a web page
//! for moderators, both served by one binary that needs no network.
//!
//! Routes (see [`ApiDoc`] for the OpenAPI document, served at `/openapi.json`):
//!
//! | route | what |
//! | --- | --- |
//! | `GET /` | the web page (with `/app.js`, `/app.css`) |
//! | `GET /healthz` | liveness, version, whether a campaign index is loaded |
//! | `GET /openapi.json` | the OpenAPI 3.1 document, generated from this code |
//! | `POST /v1/unmask` | restore disguised text |
//! | `POST /v1/scan` | evidence of a fabricated story: score, verdict, cues |
//! | `POST /v1/campaigns/match` | the known campaign a post belongs to (needs `--index`) |
//! | `POST /v1/chars` | Unicode name, code point and script of each character |
//!
//! Every `POST /v1/...` route takes `{"text": "..."}` (other fields are echoed
//! back, as the CLI's `--jsonl` mode does) or a batch `{"texts": [...]}`, and
//! answers with the same object the CLI writes, or `{"results": [...]}`.
//!
//! ## Limits
//! Each is a field of [`Limits`] and, when broken, a JSON error
//! ([`ErrorBody`]) with its own `code`:
//! body size (413 `body_too_large`), text length (413 `text_too_long`), batch
//! size (413 `batch_too_large`), requests in flight (503 `overloaded`, with
//! `Retry-After`), and time per request (503 `timeout`). CPU work runs on at
//! most [`Limits::workers`] blocking threads at once, so the async threads
//! always stay free to answer `/healthz` and to refuse work quickly. Below
//! HTTP, at most [`Limits::max_connections`] connections are open at once and
//! one idle for [`Limits::idle_timeout`] is closed.
//!
//! ```no_run
//! use plainsight_server::{Config, run};
//! run(Config::default()).unwrap(); // serves on 127.0.0.1:8080 until SIGTERM or Ctrl-C
//! ```

pub mod api;
pub mod chars;
mod conn;
mod error;
mod input;
mod page;
#[cfg(test)]
mod tests;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::future::{Future, IntoFuture};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

pub use api::ApiDoc;
pub use error::{ApiError, ErrorBody};

/// What the server refuses, and how much work it does at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
    /// Largest single text, in bytes of UTF-8.
    pub max_text_bytes: usize,
    /// Most texts in one batch request.
    pub max_batch: usize,
    /// Longest time for one request, from its first byte to its answer.
    pub timeout: Duration,
    /// Most requests in flight (waiting or working) before new ones get 503.
    pub max_in_flight: usize,
    /// Most requests doing CPU work at once (the others wait, within `timeout`).
    pub workers: usize,
    /// Most open connections; the next ones wait to be accepted.
    pub max_connections: usize,
    /// A connection with no byte read or written for this long is closed
    /// (at least `timeout` plus one second).
    pub idle_timeout: Duration,
}

impl Default for Limits {
    /// 1 MiB bodies, 256 KiB texts, 1000 texts per batch, 10 s per request,
    /// 256 requests in flight, one worker per core, 1024 connections closed
    /// after 60 s idle.
    ///
    /// The body limit is low on purpose: an answer lists every change, and a
    /// text written entirely in look-alikes answers about 40 bytes of JSON per
    /// byte sent.
    fn default() -> Limits {
        Limits {
            max_body_bytes: 1 << 20,
            max_text_bytes: 256 << 10,
            max_batch: 1000,
            timeout: Duration::from_secs(10),
            max_in_flight: 256,
            workers: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2),
            max_connections: 1024,
            idle_timeout: Duration::from_secs(60),
        }
    }
}

/// Everything `plainsight serve` needs to start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Address to listen on; port 0 picks a free port.
    pub addr: SocketAddr,
    /// The limits.
    pub limits: Limits,
    /// A campaign index to match posts against.
    pub index: Option<PathBuf>,
}

impl Default for Config {
    /// `127.0.0.1:8080`, default limits, no index.
    fn default() -> Config {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            limits: Limits::default(),
            index: None,
        }
    }
}

/// The shared state of all requests.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    limits: Limits,
    /// Permits for CPU work.
    workers: Arc<Semaphore>,
    /// Requests in flight under `/v1/`.
    in_flight: AtomicUsize,
    /// The campaign index, when one was loaded; swapped whole on reload.
    index: std::sync::RwLock<Option<Arc<LoadedIndex>>>,
}

/// A campaign index loaded from its file (read-only).
pub(crate) struct LoadedIndex {
    /// The campaigns.
    pub campaigns: plainsight::campaign::Campaigns,
    /// Where it was loaded from.
    pub path: PathBuf,
}

impl LoadedIndex {
    fn open(path: &std::path::Path) -> Result<LoadedIndex, String> {
        // the same reader as `plainsight campaigns --index`
        let ix = plainsight::campaign::Index::open(path, None, false).map_err(|e| e.to_string())?;
        let mut campaigns = ix.campaigns;
        campaigns.flatten();
        Ok(LoadedIndex {
            campaigns,
            path: path.to_path_buf(),
        })
    }
}

impl AppState {
    /// State for a server with these limits and no campaign index.
    pub fn new(limits: Limits) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                workers: Arc::new(Semaphore::new(limits.workers.max(1))),
                limits,
                in_flight: AtomicUsize::new(0),
                index: std::sync::RwLock::new(None),
            }),
        }
    }

    /// State for a server with these limits and the campaign index at `path`
    /// (built with `plainsight campaigns --index PATH add`), opened read-only.
    pub fn with_index(limits: Limits, path: &std::path::Path) -> Result<AppState, String> {
        let state = AppState::new(limits);
        *state.inner.index.write().unwrap_or_else(|e| e.into_inner()) =
            Some(Arc::new(LoadedIndex::open(path)?));
        Ok(state)
    }

    /// The campaign index in force, if any.
    pub(crate) fn index(&self) -> Option<Arc<LoadedIndex>> {
        self.inner
            .index
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Reads the campaign index again from its file (after
    /// `plainsight campaigns --index PATH add` appended to it); requests keep
    /// the index they started with. Returns the number of posts, or `None`
    /// when the server has no index. On error the old index stays in force.
    pub fn reload_index(&self) -> Result<Option<usize>, String> {
        let Some(old) = self.index() else {
            return Ok(None);
        };
        let new = LoadedIndex::open(&old.path)?;
        let n = new.campaigns.len();
        *self.inner.index.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(new));
        Ok(Some(n))
    }

    /// State for a server started with this configuration (loads the index).
    pub fn from_config(config: &Config) -> Result<AppState, String> {
        match &config.index {
            Some(path) => AppState::with_index(config.limits.clone(), path),
            None => Ok(AppState::new(config.limits.clone())),
        }
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// Runs CPU-bound work on a blocking thread, at most `workers` at once.
    /// A panic in `f` becomes a 500 error, never a dropped connection.
    async fn compute<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let permit = self
            .inner
            .workers
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| ApiError::internal("the worker pool is closed"))?;
        tokio::task::spawn_blocking(move || {
            // the permit is held until the work is done, even if the request
            // timed out meanwhile: the worker count stays bounded
            let _permit = permit;
            f()
        })
        .await
        .map_err(|_| ApiError::internal("the engine failed on this text; please report it"))
    }
}

/// Counts a request in flight for as long as it lives.
struct InFlight<'a>(&'a AtomicUsize);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Middleware for `/v1/`: refuses work past `max_in_flight`, and answers
/// 503 `timeout` when a request (reading the body included) takes too long.
async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let inner = &state.inner;
    let limit = inner.limits.max_in_flight;
    let n = inner.in_flight.fetch_add(1, Ordering::AcqRel);
    let _slot = InFlight(&inner.in_flight);
    if n >= limit {
        return ApiError::overloaded(limit).into_response();
    }
    match tokio::time::timeout(inner.limits.timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ApiError::timeout(inner.limits.timeout).into_response(),
    }
}

/// The whole application: API, web page, limits.
pub fn app(state: AppState) -> Router {
    let v1 = api::routes()
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .layer(DefaultBodyLimit::max(state.limits().max_body_bytes));
    Router::new()
        .merge(page::routes())
        .merge(api::meta_routes())
        .merge(v1)
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .with_state(state)
}

/// Serves `state` on `listener` until `shutdown` completes, then stops
/// accepting connections and returns once the requests in flight are answered.
///
/// The wait is bounded: a client that never finishes sending its request
/// cannot hold the server open; it gives up [`Limits::timeout`] plus one second
/// after `shutdown`.
pub async fn serve<S>(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: S,
) -> std::io::Result<()>
where
    S: Future<Output = ()> + Send + 'static,
{
    let drain = state.limits().timeout + Duration::from_secs(1);
    let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
    let listener = conn::LimitedListener::new(listener, state.limits());
    let server = axum::serve(listener, app(state)).with_graceful_shutdown(async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    });
    let server = std::pin::pin!(server.into_future());
    let deadline = async move {
        if stop_rx.wait_for(|stopped| *stopped).await.is_err() {
            std::future::pending::<()>().await;
        }
        tokio::time::sleep(drain).await;
    };
    tokio::select! {
        r = server => r,
        _ = deadline => {
            eprintln!("plainsight serve: gave up waiting for unfinished requests");
            Ok(())
        }
    }
}

/// Completes on SIGTERM or Ctrl-C (SIGINT).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Reloads the campaign index on every SIGHUP.
#[cfg(unix)]
async fn reload_on_sighup(state: AppState) {
    use tokio::signal::unix::{signal, SignalKind};
    let Ok(mut hup) = signal(SignalKind::hangup()) else {
        return;
    };
    while hup.recv().await.is_some() {
        let s = state.clone();
        let r = tokio::task::spawn_blocking(move || s.reload_index()).await;
        match r {
            Ok(Ok(Some(n))) => eprintln!("plainsight serve: campaign index reloaded ({n} posts)"),
            Ok(Ok(None)) => {}
            Ok(Err(e)) => eprintln!("plainsight serve: campaign index not reloaded: {e}"),
            Err(e) => eprintln!("plainsight serve: campaign index not reloaded: {e}"),
        }
    }
}

/// Starts the server and blocks until SIGTERM or Ctrl-C; requests in flight
/// are finished before it returns. SIGHUP reloads the campaign index. Prints `listening on http://ADDR` to
/// standard error once the socket is bound (with the real port when the
/// configured one is 0).
pub fn run(config: Config) -> Result<(), String> {
    let state = AppState::from_config(&config)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("plainsight-serve")
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
        let addr = listener
            .local_addr()
            .map_err(|e| format!("cannot read the bound address: {e}"))?;
        if let Some(ix) = state.index() {
            eprintln!(
                "plainsight serve: campaign index {} ({} posts)",
                ix.path.display(),
                ix.campaigns.len()
            );
        }
        eprintln!("plainsight serve: listening on http://{addr}");
        #[cfg(unix)]
        if state.index().is_some() {
            tokio::spawn(reload_on_sighup(state.clone()));
        }
        serve(listener, state, async {
            shutdown_signal().await;
            eprintln!("plainsight serve: shutting down, finishing requests in flight");
        })
        .await
        .map_err(|e| format!("server error: {e}"))
    })?;
    eprintln!("plainsight serve: stopped");
    Ok(())
}
