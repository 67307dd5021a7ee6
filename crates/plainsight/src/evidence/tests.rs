//! Tests of the cue families and the scan result, on the project's own
//! invented fixtures.

use super::*;

fn families(s: &Scan) -> Vec<Family> {
    let mut f: Vec<Family> = s.cues.iter().map(|c| c.family).collect();
    f.sort();
    f.dedup();
    f
}

fn cue_texts(s: &Scan, fam: Family) -> Vec<&str> {
    s.cues
        .iter()
        .filter(|c| c.family == fam)
        .map(|c| c.text.as_str())
        .collect()
}

const STORY: &str = "At 64, Famous Singer Finally Reveals the Truth About Her Lost Album

For decades it was a secret. Friends close to her say the songs were never meant for release. \
“I wrote every one of those songs for my father, and I could never bring myself to share them,” she said softly. \
It was not just an album. It was a goodbye, full of grief and gratitude.";

#[test]
fn finds_each_family_with_input_spans() {
    let s = scan(STORY);
    let fam = families(&s);
    for f in [
        Family::Hook,
        Family::Sourcing,
        Family::Quote,
        Family::Secrecy,
        Family::Style,
    ] {
        assert!(fam.contains(&f), "{f:?} missing in {fam:?}");
    }
    assert!(cue_texts(&s, Family::Hook).contains(&"At 64,"));
    assert!(cue_texts(&s, Family::Hook).contains(&"Finally Reveals"));
    assert!(cue_texts(&s, Family::Sourcing).contains(&"Friends close to"));
    assert!(cue_texts(&s, Family::Secrecy).contains(&"never meant for"));
    for c in &s.cues {
        assert_eq!(c.text, &STORY[c.start..c.end]);
    }
    assert!(!s.disguised);
    assert_eq!(s.unmask.changes, 0);
}

#[test]
fn attribution_makes_quotes_checkable() {
    let t = "The actor told Variety on Tuesday: “we finished the last scene of the film in the rain last spring.”";
    let s = scan(t);
    assert!(cue_texts(&s, Family::Attribution).contains(&"told Variety"));
    assert!(cue_texts(&s, Family::Attribution).contains(&"on Tuesday"));
    let q: Vec<&Cue> = s
        .cues
        .iter()
        .filter(|c| c.family == Family::Quote)
        .collect();
    assert_eq!(
        q.len(),
        1,
        "only the long-quote feature, not the unverified one"
    );
    assert_eq!(analyse(t).features.dense[QUOTE_UNVERIFIED], 0.0);
    assert!(analyse(t).features.dense[QUOTE_LONG] > 0.0);
}

#[test]
fn disguised_copy_maps_spans_to_the_input_and_keeps_the_score() {
    let disguised = STORY.replace('n', "\u{043F}").replace('u', "\u{03C5}");
    let plain = scan(STORY);
    let d = scan(&disguised);
    assert!(d.disguised);
    assert!(families(&d).contains(&Family::Disguise));
    assert!((plain.score - d.score).abs() < 1e-6);
    for c in &d.cues {
        assert_eq!(c.text, &disguised[c.start..c.end]);
    }
    let hook = d
        .cues
        .iter()
        .find(|c| c.family == Family::Hook && c.text.starts_with("Fi"))
        .unwrap();
    assert_eq!(hook.text, "Fi\u{043F}ally Reveals");
    assert!(d
        .cues
        .iter()
        .filter(|c| c.family == Family::Disguise)
        .all(|c| c.weight == 0.0));
}

#[test]
fn weights_add_up_to_the_feature_contributions() {
    let m = model::Model::shipped();
    let a = analyse(STORY);
    let s = scan(STORY);
    let from_cues: f32 = s
        .cues
        .iter()
        .filter(|c| c.family != Family::Wording && c.family != Family::Disguise)
        .map(|c| c.weight)
        .sum();
    let long = a.doc_words.len() >= SHORT_WORDS;
    // (the calibration of long documents scales every contribution)
    let scale = m.dense_scale(long) * m.calibration(long).0;
    let expected: f32 = (0..FIRST_SIGNAL)
        .map(|i| scale * m.dense[i] * a.features.dense[i])
        .sum();
    assert!(
        (from_cues - expected).abs() < 1e-3,
        "{from_cues} vs {expected}"
    );
}

#[test]
fn document_signals() {
    let a = analyse("Did they secretly marry?\nYou won't believe it!\nYes.");
    let d = &a.features.dense;
    let f = |n: &str| d[FEATURES.iter().position(|x| *x == n).unwrap()];
    assert_eq!(f("question_title"), 1.0);
    assert_eq!(f("short"), 1.0);
    assert!(f("exclaim") > 0.0);
    assert!(f("second_person") > 0.0);
    assert!(f("hook_title") == 0.0 && f("hook") > 0.0);
    let long = "word ".repeat(200);
    assert_eq!(
        analyse(&long).features.dense[FEATURES
            .iter()
            .position(|x| *x == "no_attribution")
            .unwrap()],
        1.0
    );
}

#[test]
fn ngrams_are_counted_and_folded() {
    let a = analyse("big news big news");
    // 2 distinct unigrams and 2 distinct bigrams (big news twice, news big once)
    let total: u32 = a.features.ngrams.iter().map(|x| x.1).sum();
    assert_eq!(total, 4 + 3);
    let f = fold(&a.features.ngrams, 8, |_| 1.0);
    assert_eq!(f.len(), 4);
    let norm: f32 = f.iter().map(|x| x.1 * x.1).sum();
    assert!((norm - 1.0).abs() < 1e-5);
    assert!(f.iter().all(|x| x.0 < 256));
    assert!(fold(&a.features.ngrams, 0, |_| 1.0).is_empty());
}

#[test]
fn odd_inputs_do_not_panic() {
    for t in [
        "",
        "\n\n\n",
        "“",
        "\"",
        "At 12345678901234567890, x",
        "@",
        "http://",
        "\u{202E}abc\u{202C}",
        "a\u{0008}b",
        "\u{FEFF}\u{200B}",
        "— — —",
    ] {
        let s = scan(t);
        assert!((0.0..=1.0).contains(&s.score));
        for c in &s.cues {
            assert_eq!(c.text, &t[c.start..c.end]);
        }
    }
}

#[test]
fn verdicts() {
    assert_eq!(Verdict::of(0.9), Verdict::Fabricated);
    assert_eq!(Verdict::of(0.5), Verdict::Uncertain);
    assert_eq!(Verdict::of(0.1), Verdict::Genuine);
}

#[test]
fn narration_counts_only_without_a_source() {
    let t = "Deep down she knew the band was over. In her heart it had ended years before.";
    let s = scan(t);
    assert_eq!(
        cue_texts(&s, Family::Narration),
        ["Deep down", "she knew", "In her heart"]
    );
    let sourced = format!("{t} She told Rolling Stone on Monday.");
    assert!(cue_texts(&scan(&sourced), Family::Narration).is_empty());
}
