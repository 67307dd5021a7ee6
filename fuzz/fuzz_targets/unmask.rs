//! Fuzzes `plainsight::unmask` with the invariants of its contract as
//! assertions (a failed assertion is a crash the fuzzer reports):
//! - it never panics;
//! - replaying `changes()` over the input (each `input` range replaced by its
//!   `replacement`) gives `text()` exactly;
//! - every change's `original` is `input[change.input]` and its `replacement`
//!   is `text[change.output]`, and changes are in order without overlap;
//! - the output is a fixed point: `unmask(text).text() == text`;
//! - `unmask_text` gives the same text, and the fast lane gives what the
//!   engine without it gives (text, changes and score);
//! - a text the clean check passes is one the engine leaves as it is.
//!
//! Inputs that are not UTF-8 are decoded lossily, so every input is used.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let input: &str = &input;
    let u = plainsight::unmask(input);
    let text = u.text();

    let mut replayed = String::with_capacity(text.len());
    let mut pos = 0;
    for c in u.changes() {
        assert!(c.input.start >= pos, "changes out of order or overlapping");
        assert!(c.input.end <= input.len() && c.output.end <= text.len());
        assert_eq!(
            &input[c.input.clone()],
            c.original,
            "original != input[change.input]"
        );
        assert_eq!(
            &text[c.output.clone()],
            c.replacement,
            "replacement != text[change.output]"
        );
        replayed.push_str(&input[pos..c.input.start]);
        assert_eq!(replayed.len(), c.output.start, "change.output.start is off");
        replayed.push_str(&c.replacement);
        pos = c.input.end;
    }
    replayed.push_str(&input[pos..]);
    assert_eq!(
        replayed, text,
        "replaying the changes does not give the output"
    );

    let again = plainsight::unmask(text);
    assert_eq!(again.text(), text, "not idempotent");

    assert_eq!(
        plainsight::unmask::unmask_text(input),
        text,
        "unmask_text differs"
    );
    assert_eq!(
        plainsight::unmask::unmask_without_lane(input),
        u,
        "the fast lane and the engine differ"
    );
    if plainsight::unmask::is_clean(input) {
        assert!(
            plainsight::unmask::unmask_engine_once(input).changes().is_empty(),
            "the clean check passed a text the engine changes"
        );
    }
});
