//! The `plainsight` command: see through disguised text and fabricated stories.
//!
//! Exit status: 0 on success, 1 when a check failed, 2 for usage or input errors.

mod campaigns_cmd;
mod csv_in;
mod input;
#[cfg(feature = "parquet")]
mod parquet_io;
mod records;
mod scan_cmd;
mod serve_cmd;
mod stream;
mod unmask_cmd;

use clap::{Parser, Subcommand};

/// See through fabricated celebrity stories and the text tricks that hide them.
#[derive(Parser, Debug)]
#[command(name = "plainsight", version, about, long_about = None)]
struct Cli {
    /// Worker threads (default: all cores).
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Restore disguised text: look-alike and styled letters, invisible characters,
    /// bidi reordering, deletion controls, zalgo marks, exotic spaces.
    Unmask(unmask_cmd::UnmaskArgs),
    /// Find campaigns: the copies and variants of one story across a corpus,
    /// seen through disguise.
    Campaigns(campaigns_cmd::CampaignsArgs),
    /// Scan for the evidence of a fabricated story: a calibrated score, a
    /// verdict and the reasons, quoting the spans of the input.
    Scan(scan_cmd::ScanArgs),
    /// Serve the HTTP API and the web page for moderators.
    Serve(serve_cmd::ServeArgs),
}

fn main() {
    let cli = Cli::parse();
    if let Some(n) = cli.threads {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let result = match &cli.cmd {
        Cmd::Unmask(a) => unmask_cmd::run(a),
        Cmd::Campaigns(a) => campaigns_cmd::run(a),
        Cmd::Scan(a) => scan_cmd::run(a),
        Cmd::Serve(a) => serve_cmd::run(a),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("plainsight: {e}");
            std::process::exit(2);
        }
    }
}
