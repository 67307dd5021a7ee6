//! `plainsight campaigns`: the JSON Lines contract, CSV, the summary, and the
//! persistent index, including a run killed with SIGKILL while it writes.

mod common;
use common::run;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// An invented story in the genre, and a reworded copy.
const STORY: &str = "At 81 the retired quiz show host finally admits the truth about the letter \
he hid in his piano for forty years and why his daughter cried when she found it";
const REWORDED: &str = "The retired quiz show host finally admits the truth about the letter \
he hid in his old piano for forty years and why his daughter cried when she read it";
const OTHER: &str = "Volunteers planted two hundred oak saplings along the river path on Saturday \
morning and the town library will host a talk about local birds next week";

/// The 004 seed's disguise: Cyrillic п for n, Greek υ for u.
fn disguise(s: &str) -> String {
    s.replace('n', "п").replace('u', "υ")
}

fn corpus() -> String {
    let recs = [
        serde_json::json!({"id": "a", "text": STORY}),
        serde_json::json!({"id": "b", "text": OTHER}),
        serde_json::json!({"id": "c", "text": disguise(STORY)}),
        serde_json::json!({"id": "d", "text": disguise(REWORDED), "campaign": "old"}),
    ];
    let mut s: String = recs.iter().map(|r| format!("{r}\n")).collect();
    s.push_str("not json\n");
    s.push_str("{\"id\": \"f\", \"body\": \"no text field\"}\n");
    s
}

#[test]
fn every_record_in_order_with_its_campaign() {
    let o = run(&["campaigns"], corpus().as_bytes());
    assert_eq!(o.status.code(), Some(2), "bad records make exit status 2");
    let out = lines(&o);
    assert_eq!(out.len(), 6);
    let ids: Vec<_> = out.iter().map(|r| r["campaign"]["id"].clone()).collect();
    assert_eq!(ids[0], 0);
    assert_eq!(ids[1], 1);
    assert_eq!(ids[2], 0, "the disguised copy joins the original");
    assert_eq!(ids[3], 0, "the reworded disguised copy too");
    assert_eq!(out[0]["campaign"]["size"], 3);
    assert_eq!(out[1]["campaign"]["size"], 1);
    assert_eq!(out[2]["campaign"]["similarity"], 1.0);
    let sim = out[3]["campaign"]["similarity"].as_f64().unwrap();
    assert!(sim > 0.5 && sim < 1.0, "{sim}");
    // records are kept as they are, the text undisguised only in the summary
    assert_eq!(out[2]["text"], disguise(STORY));
    assert_eq!(out[2]["id"], "c");
    assert!(out[4]["error"].as_str().unwrap().contains("<stdin>:5:"));
    assert_eq!(out[4]["input"], "not json");
    assert!(out[5]["error"]
        .as_str()
        .unwrap()
        .contains("no \"text\" field"));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("<stdin>:5: not valid JSON"), "{err}");
}

#[test]
fn files_and_stdin_agree_and_ids_do_not_depend_on_threads() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("posts.jsonl");
    std::fs::write(&p, corpus()).unwrap();
    let a = run(&["campaigns", p.to_str().unwrap()], b"");
    let b = run(&["campaigns", "--threads", "1", p.to_str().unwrap()], b"");
    assert_eq!(a.stdout, b.stdout);
    let c = run(&["campaigns"], corpus().as_bytes());
    assert_eq!(lines(&a)[..4], lines(&c)[..4]);
    let err = String::from_utf8(a.stderr).unwrap();
    assert!(err.contains("posts.jsonl:5: not valid JSON"), "{err}");
}

#[test]
fn summary_lists_campaigns_with_their_members() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("summary.jsonl");
    let o = run(
        &["campaigns", "--summary", s.to_str().unwrap(), "--scan"],
        corpus().as_bytes(),
    );
    assert_eq!(o.status.code(), Some(2));
    let text = std::fs::read_to_string(&s).unwrap();
    let camps: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(camps.len(), 1, "{text}");
    let c = &camps[0];
    assert_eq!(c["id"], 0);
    assert_eq!(c["size"], 3);
    assert_eq!(c["representative"]["line"], 1);
    assert_eq!(c["representative"]["text"], STORY);
    let members: Vec<_> = c["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["line"].as_u64().unwrap())
        .collect();
    assert_eq!(members, [1, 3, 4]);
    assert!(c["scan"].as_f64().is_some());
    assert!(lines(&o)[0]["campaign"]["scan"].as_f64().is_some());
}

#[test]
fn csv_input() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("posts.csv");
    let csv = format!(
        "id,post\n1,\"{STORY}\"\n2,\"{OTHER}, \"\"quoted\"\"\"\n3,{}\n4\n",
        disguise(STORY)
    );
    std::fs::write(&p, csv).unwrap();
    let o = run(&["campaigns", "--field", "post", p.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(2));
    let out = lines(&o);
    assert_eq!(out.len(), 4);
    assert_eq!(out[0]["id"], "1");
    assert_eq!(out[2]["campaign"]["id"], 0);
    assert!(out[1]["post"].as_str().unwrap().ends_with("\"quoted\""));
    assert!(out[3]["error"]
        .as_str()
        .unwrap()
        .contains("posts.csv:5: 1 field(s) where the header has 2"));
}

#[test]
fn usage_errors_are_one_line() {
    let o = run(&["campaigns", "--bands", "0"], b"");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    let o = run(&["campaigns", "/no/such/file.jsonl"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8(o.stderr)
        .unwrap()
        .contains("/no/such/file.jsonl: cannot open"));
    let o = run(&["campaigns", "--index", "/tmp/x", "frobnicate"], b"");
    assert!(String::from_utf8(o.stderr)
        .unwrap()
        .contains("unknown action `frobnicate`"));
}

fn info(idx: &Path) -> serde_json::Value {
    let o = run(
        &["campaigns", "--index", idx.to_str().unwrap(), "info"],
        b"",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn index_add_then_match() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("campaigns.idx");
    let ix = idx.to_str().unwrap();
    let o = run(&["campaigns", "--index", ix, "match"], corpus().as_bytes());
    assert!(String::from_utf8(o.stderr)
        .unwrap()
        .contains("no such index"));
    let first = format!(
        "{}\n{}\n",
        serde_json::json!({"text": STORY}),
        serde_json::json!({"text": OTHER})
    );
    let o = run(&["campaigns", "--index", ix, "add"], first.as_bytes());
    assert!(o.status.success());
    assert_eq!(lines(&o)[1]["campaign"]["id"], 1);
    // a second run joins the copies to the campaigns already known
    let second = format!("{}\n", serde_json::json!({"text": disguise(REWORDED)}));
    let o = run(&["campaigns", "--index", ix, "add", "-"], second.as_bytes());
    let out = lines(&o);
    assert_eq!(out[0]["campaign"]["id"], 0);
    assert_eq!(out[0]["campaign"]["size"], 2);
    let i = info(&idx);
    assert_eq!(i["posts"], 3);
    assert_eq!(i["campaigns"], 2);
    assert_eq!(i["largest"], 2);
    // match only looks
    let o = run(&["campaigns", "--index", ix, "match"], corpus().as_bytes());
    let out = lines(&o);
    assert_eq!(out[0]["campaign"]["id"], 0);
    assert_eq!(out[1]["campaign"]["id"], 1);
    assert_eq!(out[2]["campaign"]["id"], 0);
    assert_eq!(out[2]["campaign"]["size"], 2);
    let unrelated = format!(
        "{}\n",
        serde_json::json!({"text": "a quiet week for the harbour ferries with calm seas"})
    );
    let o = run(&["campaigns", "--index", ix, "match"], unrelated.as_bytes());
    assert_eq!(lines(&o)[0]["campaign"], serde_json::Value::Null);
    assert_eq!(info(&idx)["posts"], 3);
    // the index keeps its settings
    let o = run(&["campaigns", "--index", ix, "--rows", "5", "info"], b"");
    assert!(String::from_utf8(o.stderr).unwrap().contains("--rows 3"));
}

/// Invented posts: random sentences over a small vocabulary, with every
/// tenth post a copy of an earlier one.
fn many_posts(n: usize) -> String {
    const WORDS: &[&str] = &[
        "singer", "actor", "secret", "truth", "finally", "reveals", "mother", "letter", "piano",
        "wedding", "divorce", "fans", "shocked", "years", "night", "stage", "show", "house",
        "daughter", "son", "friend", "told", "never", "always", "before", "after", "song", "wrote",
        "hid", "found", "cried", "laughed", "city", "river", "garden", "summer", "winter", "old",
        "young", "famous", "quiet", "loud", "red", "green", "blue", "dog", "cat", "car", "train",
        "road",
    ];
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut posts: Vec<String> = Vec::with_capacity(n);
    for i in 0..n {
        let text = if i % 10 == 9 {
            posts[(next() % i as u64) as usize].clone()
        } else {
            (0..25)
                .map(|_| WORDS[(next() % WORDS.len() as u64) as usize])
                .collect::<Vec<_>>()
                .join(" ")
        };
        posts.push(text);
    }
    posts
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{}\n", serde_json::json!({"n": i, "text": t})))
        .collect()
}

#[cfg(unix)]
#[test]
fn sigkill_while_writing_loses_nothing_committed() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("campaigns.idx");
    let input = dir.path().join("posts.jsonl");
    let total = 200_000;
    std::fs::write(&input, many_posts(total)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_plainsight"))
        .args(["campaigns", "--threads", "2", "--index"])
        .arg(&idx)
        .args(["add", "--commit-every", "97"])
        .arg(&input)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // a line on stdout means its record is committed; kill mid-run
    let mut reported = Vec::new();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while reported.len() < 3000 {
        line.clear();
        if reader.read_line(&mut line).unwrap() == 0 {
            break;
        }
        reported.push(line.clone());
    }
    child.kill().unwrap(); // SIGKILL
                           // whatever was already written to the pipe was committed too
    let mut rest = String::new();
    let _ = std::io::Read::read_to_string(&mut reader, &mut rest);
    reported.extend(rest.lines().map(|l| format!("{l}\n")));
    let status = child.wait().unwrap();
    assert_eq!(
        status.signal(),
        Some(9),
        "the run must be killed, not finish"
    );
    let k = reported.len();
    assert!(k >= 3000 && k < total, "{k}");

    // reopening keeps every reported post
    let posts = info(&idx)["posts"].as_u64().unwrap() as usize;
    assert!(posts >= k, "index holds {posts} posts, {k} were reported");

    // and the reported campaigns are what the index says now
    let head: String = std::fs::read_to_string(&input)
        .unwrap()
        .lines()
        .take(k)
        .map(|l| format!("{l}\n"))
        .collect();
    let o = run(
        &["campaigns", "--index", idx.to_str().unwrap(), "match"],
        head.as_bytes(),
    );
    let now = lines(&o);
    assert_eq!(now.len(), k);
    for (i, r) in reported.iter().enumerate() {
        let then: serde_json::Value = serde_json::from_str(r).unwrap();
        assert_eq!(then["n"], i);
        // every committed post is found again; campaigns only merge into
        // older ones, so an id can only go down
        let (was, is) = (&then["campaign"]["id"], &now[i]["campaign"]["id"]);
        assert!(is.as_u64().unwrap() <= was.as_u64().unwrap(), "record {i}");
    }
    // the file takes new commits after the crash
    let o = run(
        &["campaigns", "--index", idx.to_str().unwrap(), "add"],
        format!("{}\n", serde_json::json!({"text": STORY})).as_bytes(),
    );
    assert!(o.status.success());
    assert_eq!(info(&idx)["posts"].as_u64().unwrap() as usize, posts + 1);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("posts.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.map(|s| s.success()).unwrap_or(false) {
        return; // no mkfifo here
    }
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, corpus()).unwrap())
    };
    let o = run(&["campaigns", fifo.to_str().unwrap()], b"");
    writer.join().unwrap();
    let out = lines(&o);
    assert_eq!(out.len(), 6);
    assert_eq!(out[2]["campaign"]["id"], 0);
}
