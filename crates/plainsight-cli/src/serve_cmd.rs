//! `plainsight serve`: the HTTP API and the web page (`plainsight-server`).

use clap::Args;
use plainsight_server::{Config, Limits};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Arguments of `plainsight serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port, printed on stderr).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub addr: SocketAddr,
    /// A campaign index (built with `plainsight campaigns --index PATH add`) to
    /// match posts against at /v1/campaigns/match.
    #[arg(long, value_name = "PATH")]
    pub index: Option<PathBuf>,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = Limits::default().max_body_bytes, value_name = "BYTES")]
    pub max_body: usize,
    /// Largest text, in bytes.
    #[arg(long, default_value_t = Limits::default().max_text_bytes, value_name = "BYTES")]
    pub max_text: usize,
    /// Most texts in one batch request.
    #[arg(long, default_value_t = Limits::default().max_batch, value_name = "N")]
    pub max_batch: usize,
    /// Longest time for one request, in milliseconds.
    #[arg(long, default_value_t = Limits::default().timeout.as_millis() as u64, value_name = "MS")]
    pub timeout_ms: u64,
    /// Most requests in flight before new ones get 503.
    #[arg(long, default_value_t = Limits::default().max_in_flight, value_name = "N")]
    pub max_in_flight: usize,
    /// Most requests doing CPU work at once (default: --threads, or one per core).
    #[arg(long, value_name = "N")]
    pub workers: Option<usize>,
    /// Most open connections; the next ones wait to be accepted.
    #[arg(long, default_value_t = Limits::default().max_connections, value_name = "N")]
    pub max_connections: usize,
    /// Close a connection after this many seconds without a byte read or written.
    #[arg(long, default_value_t = Limits::default().idle_timeout.as_secs(), value_name = "S")]
    pub idle_timeout: u64,
}

/// Runs the server until SIGTERM or Ctrl-C; returns the exit code.
pub fn run(a: &ServeArgs) -> Result<i32, String> {
    let config = Config {
        addr: a.addr,
        index: a.index.clone(),
        limits: Limits {
            max_body_bytes: a.max_body,
            max_text_bytes: a.max_text,
            max_batch: a.max_batch,
            timeout: Duration::from_millis(a.timeout_ms.max(1)),
            max_in_flight: a.max_in_flight,
            // --threads (the global flag, which sized rayon's pool) is the default
            workers: a.workers.unwrap_or(rayon::current_num_threads()).max(1),
            max_connections: a.max_connections.max(1),
            idle_timeout: Duration::from_secs(a.idle_timeout),
        },
    };
    plainsight_server::run(config)?;
    Ok(0)
}
