//! `plainsight unmask` as a user meets it: the shipped example, the JSON Lines
//! contract with its error records, `--field`, `--explain`, exit statuses.

mod common;
use common::{json_lines, run};

#[test]
fn the_shipped_example_is_restored() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/disguised-post.txt"
    );
    let o = run(&["unmask", path], b"");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("Finally Breaks His Silence"), "{text}");
    assert!(
        text.contains("Those who were there say the room went silent. Some cried."),
        "{text}"
    );
    assert!(text.contains("before it gets deleted!"), "{text}");
    // nothing but ASCII letters, typography and the line structure is left
    assert!(!text.chars().any(|c| ('\u{0370}'..='\u{04FF}').contains(&c)
        || ('\u{1D400}'..='\u{1D7FF}').contains(&c)
        || c == '\u{200B}'));
}

#[test]
fn jsonl_restores_the_field_and_adds_the_changes() {
    let input = "{\"id\": 1, \"text\": \"the trυth\"}\n{\"id\": 2, \"text\": \"plain words\"}\n";
    let o = run(&["unmask", "--jsonl"], input.as_bytes());
    assert!(o.status.success());
    let v = json_lines(&o);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["id"], 1);
    assert_eq!(v[0]["text"], "the truth");
    let c = &v[0]["unmask"]["changes"][0];
    assert_eq!(c["original"], "υ");
    assert_eq!(c["replacement"], "u");
    assert_eq!(c["class"], "homoglyph");
    assert_eq!(c["input"]["start"], 6);
    assert_eq!(c["input"]["end"], 8);
    assert!(v[0]["unmask"]["score"].as_f64().unwrap() > 0.3);
    assert_eq!(v[1]["text"], "plain words");
    assert_eq!(v[1]["unmask"]["changes"].as_array().unwrap().len(), 0);
    assert_eq!(v[1]["unmask"]["score"], 0.0);
}

#[test]
fn bad_records_keep_their_place_with_an_error() {
    let input = "{\"text\": \"a\"}\nnot json\n[1, 2]\n{\"body\": \"no text field\"}\n{\"text\": 7}\n{\"text\": \"b\"}\n";
    let o = run(&["unmask", "--jsonl"], input.as_bytes());
    assert_eq!(o.status.code(), Some(2));
    let v = json_lines(&o);
    assert_eq!(v.len(), 6, "one output line per input line");
    assert_eq!(v[0]["text"], "a");
    assert_eq!(v[1]["input"], "not json");
    assert!(v[1]["error"].as_str().unwrap().contains("<stdin>:2"));
    assert_eq!(v[2]["input"], serde_json::json!([1, 2]));
    assert!(v[2]["error"]
        .as_str()
        .unwrap()
        .contains("not a JSON object"));
    assert_eq!(v[3]["body"], "no text field");
    assert!(v[3]["error"].as_str().unwrap().contains("--field"));
    assert!(v[4]["error"].as_str().unwrap().contains("not a string"));
    assert_eq!(v[5]["text"], "b");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.lines().count() >= 4,
        "each bad record is reported on stderr: {err}"
    );
}

#[test]
fn another_field_and_raw_line_separators() {
    // U+2028 may stand raw inside a JSON string: only \n ends a record
    let input = "{\"body\": \"fiпe\u{2028}day\"}\n";
    let o = run(&["unmask", "--jsonl", "--field", "body"], input.as_bytes());
    assert!(o.status.success());
    let v = json_lines(&o);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["body"], "fine day");
}

#[test]
fn explain_lists_the_changes() {
    let o = run(&["unmask", "--explain"], "the trυth\nplain\n".as_bytes());
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("<stdin>:1"), "{text}");
    assert!(text.contains("tr[υ]th"), "{text}");
    assert!(text.contains("homoglyph"), "{text}");
    assert!(text.contains("U+03C5"), "{text}");
    assert!(text.contains("2 line(s), 1 changed, 1 change(s)"), "{text}");
}

#[test]
fn missing_file_is_a_one_line_error() {
    let o = run(&["unmask", "/nonexistent/post.txt"], b"");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("/nonexistent/post.txt"), "{err}");
}
