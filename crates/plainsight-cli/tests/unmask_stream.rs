//! `plainsight unmask` on streams: order and line endings across chunk
//! boundaries (more lines than one chunk holds), several files, errors that
//! do not stop the stream, with one worker thread and with several.

mod common;
use common::run;

/// More lines than one chunk (8192), of varied lengths, every third disguised.
fn many_lines(n: usize) -> (String, String) {
    let (mut input, mut expected) = (String::new(), String::new());
    for i in 0..n {
        let pad = "x".repeat(i % 37);
        if i % 3 == 0 {
            input.push_str(&format!("line {i} fiпally the trυth {pad}\n"));
            expected.push_str(&format!("line {i} finally the truth {pad}\n"));
        } else {
            input.push_str(&format!("line {i} plain {pad}\n"));
            expected.push_str(&format!("line {i} plain {pad}\n"));
        }
    }
    (input, expected)
}

#[test]
fn order_is_kept_across_chunks_with_any_thread_count() {
    let (input, expected) = many_lines(20_000);
    for threads in ["1", "2", "3"] {
        let o = run(&["--threads", threads, "unmask"], input.as_bytes());
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(
            o.stdout == expected.as_bytes(),
            "output differs with --threads {threads}"
        );
    }
}

#[test]
fn jsonl_records_stay_in_order_one_per_line() {
    let mut input = String::new();
    for i in 0..9_000 {
        input.push_str(&format!("{{\"id\":{i},\"text\":\"tr\u{3c5}th {i}\"}}\n"));
    }
    let o = run(&["--threads", "2", "unmask", "--jsonl"], input.as_bytes());
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 9_000);
    for (i, l) in lines.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["id"], i);
        assert_eq!(v["text"], format!("truth {i}"));
    }
}

#[test]
fn line_endings_empty_lines_and_last_line_are_kept() {
    let input = "fiпally\r\n\n\nno newline at the end: trυth";
    let o = run(&["unmask"], input.as_bytes());
    assert!(o.status.success());
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "finally\r\n\n\nno newline at the end: truth"
    );
}

#[test]
fn files_are_read_in_turn() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "one fiпal\ntwo").unwrap();
    std::fs::write(&b, "three trυe\n").unwrap();
    let o = run(&["unmask", a.to_str().unwrap(), b.to_str().unwrap()], b"");
    assert!(o.status.success());
    // the first file's last line has no newline, and keeps none
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "one final\ntwothree true\n"
    );
}

#[test]
fn invalid_utf8_is_reported_with_its_offset_and_the_stream_goes_on() {
    let mut input = Vec::new();
    input.extend_from_slice("ok fiпe\n".as_bytes());
    input.extend_from_slice(b"bad \xff byte\n");
    input.extend_from_slice("after trυth\n".as_bytes());
    let o = run(&["unmask"], &input);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("<stdin>:2: invalid UTF-8 at byte offset 13 (byte 5 of the line)"),
        "{err}"
    );
    let mut expected = Vec::new();
    expected.extend_from_slice(b"ok fine\n");
    expected.extend_from_slice(b"bad \xff byte\n");
    expected.extend_from_slice(b"after truth\n");
    assert_eq!(o.stdout, expected);

    let o = run(&["unmask", "--lossy"], &input);
    assert!(o.status.success());
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "ok fine\nbad \u{FFFD} byte\nafter truth\n"
    );
}

#[test]
fn a_long_line_among_short_ones() {
    // a 1 MB line between short ones: buffers grow for it and stay correct
    let long = "fiпally ".repeat(1 << 17);
    let input = format!("short one\n{long}\nshort two\n");
    let o = run(&["--threads", "2", "unmask"], input.as_bytes());
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.split('\n').collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0], "short one");
    assert_eq!(lines[1].len(), long.len() - (1 << 17));
    assert!(lines[1].starts_with("finally finally"));
    assert_eq!(lines[2], "short two");
    assert_eq!(lines[3], "");
}
