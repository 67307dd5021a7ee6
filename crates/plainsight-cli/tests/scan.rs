//! `plainsight scan`: the report, `--json`, and the `--jsonl` contract.

mod common;
use common::run;

/// An invented story in the genre, disguised with Cyrillic п for n.
const POST: &str = "At 70, the old drummer fiпally breaks his sileпce\n\n\
Friends close to him say the recording was never meant for release. \
“I played it every night for my brother and I never wanted anyone else to hear it,” he said.\n";

#[test]
fn report_quotes_spans_and_unmask_summary() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("post.txt");
    std::fs::write(&p, POST).unwrap();
    let o = run(&["scan", p.to_str().unwrap()], b"");
    assert!(o.status.success());
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(s.contains("post.txt: "), "{s}");
    assert!(s.contains(", disguised"), "{s}");
    assert!(s.contains("disguise"), "{s}");
    assert!(s.contains("unmask: score"), "{s}");
    assert!(s.contains("homoglyph"), "{s}");
}

#[test]
fn json_is_one_object_per_document() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, POST).unwrap();
    std::fs::write(&b, "The council met on Tuesday.\nIt approved the budget.\n").unwrap();
    let o = run(
        &["scan", "--json", a.to_str().unwrap(), b.to_str().unwrap()],
        b"",
    );
    assert!(o.status.success());
    let s = String::from_utf8(o.stdout).unwrap();
    let objs: Vec<serde_json::Value> = s
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objs.len(), 2);
    let first = &objs[0];
    assert!(first["file"].as_str().unwrap().ends_with("a.txt"));
    let score = first["score"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&score));
    assert!(["fabricated", "uncertain", "genuine"].contains(&first["verdict"].as_str().unwrap()));
    assert_eq!(first["disguised"], true);
    for c in first["cues"].as_array().unwrap() {
        let (st, en) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(c["text"].as_str().unwrap(), &POST[st..en]);
    }
    let fams: Vec<&str> = first["cues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["family"].as_str().unwrap())
        .collect();
    for f in ["disguise", "hook", "sourcing", "secrecy"] {
        assert!(fams.contains(&f), "{f} missing: {fams:?}");
    }
}

#[test]
fn jsonl_keeps_order_and_flags_bad_lines() {
    let text = POST.replace('\n', " ");
    let input = format!(
        "{}\nnot json\n{{\"id\":3}}\n{{\"id\":4,\"body\":\"x\",\"text\":\"plain words\"}}\n",
        serde_json::json!({"id": 1, "text": text})
    );
    let o = run(&["scan", "--jsonl"], input.as_bytes());
    assert_eq!(o.status.code(), Some(2));
    let s = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<serde_json::Value> = s
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(
        lines[0]["text"].as_str().unwrap(),
        text,
        "text kept as input"
    );
    let scan = &lines[0]["scan"];
    assert!(scan["score"].is_number() && scan["verdict"].is_string());
    let score = scan["score"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&score));
    assert!(["fabricated", "uncertain", "genuine"].contains(&scan["verdict"].as_str().unwrap()));
    for c in scan["cues"].as_array().unwrap() {
        let (st, en) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(c["text"].as_str().unwrap(), &text[st..en]);
        assert!(c["family"].is_string() && c["weight"].is_number());
    }
    assert_eq!(lines[1]["input"], "not json");
    assert!(lines[1]["error"].as_str().unwrap().contains("<stdin>:2"));
    assert_eq!(lines[2]["id"], 3);
    assert!(lines[2]["error"]
        .as_str()
        .unwrap()
        .contains("no \"text\" field"));
    assert_eq!(lines[3]["id"], 4);
    assert!(lines[3]["scan"].is_object());
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
}

#[test]
fn jsonl_field_and_features() {
    let o = run(
        &["scan", "--jsonl", "--field", "body", "--features"],
        b"{\"body\":\"A source says they split.\"}\n",
    );
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["scan"]["cues"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["family"] == "sourcing"));
    assert!(v["features"]["dense"].as_array().unwrap().len() > 10);
    assert!(!v["features"]["ngrams"].as_array().unwrap().is_empty());
}

#[test]
fn invalid_utf8_is_a_clear_error_unless_lossy() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.txt");
    std::fs::write(&p, b"line one\nbad \xff byte\n").unwrap();
    let o = run(&["scan", p.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8(o.stderr).unwrap();
    assert!(
        e.contains("bad.txt:2: invalid UTF-8 at byte offset 13 (byte 5 of the line)"),
        "{e}"
    );
    assert_eq!(e.lines().count(), 1);
    let o = run(&["scan", "--lossy", p.to_str().unwrap()], b"");
    assert!(o.status.success());
    // with --json the bad document keeps its place, as an object with an error
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "A source says they split.\n").unwrap();
    let o = run(
        &[
            "scan",
            "--json",
            p.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(2));
    let objs: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objs.len(), 2);
    assert!(objs[0]["file"].as_str().unwrap().ends_with("bad.txt"));
    assert!(objs[0]["error"]
        .as_str()
        .unwrap()
        .contains("invalid UTF-8 at byte offset 13"));
    assert!(objs[0].get("score").is_none());
    assert!(objs[1]["score"].is_number());
    assert_eq!(String::from_utf8(o.stderr).unwrap().lines().count(), 1);
    // in --jsonl mode a bad line becomes an error record and the stream goes on
    let o = run(
        &["scan", "--jsonl"],
        b"{\"text\":\"a \xff\"}\n{\"text\":\"ok\"}\n",
    );
    assert_eq!(o.status.code(), Some(2));
    let s = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(s.lines().count(), 2);
    assert!(s.lines().next().unwrap().contains("\"error\""));
}

#[test]
fn missing_file_is_a_one_line_error() {
    let o = run(&["scan", "/nonexistent/file.txt"], b"");
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8(o.stderr).unwrap();
    assert_eq!(e.lines().count(), 1);
    assert!(e.contains("cannot open"), "{e}");
}
