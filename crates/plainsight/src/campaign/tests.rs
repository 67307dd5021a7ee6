use super::*;

const STORY: &str =
    "At seventy seven the famous singer finally reveals the truth about the secret song \
he wrote for his mother when he was a boy and why he never sang it on stage until last night";
const OTHER: &str = "The city council met on Tuesday evening to discuss the new budget for roads \
and schools and agreed to delay the vote on the bridge until next spring";

fn disguise(s: &str) -> String {
    // the 004 seed's style: Cyrillic п for n, Greek υ for u
    s.replace('n', "п").replace('u', "υ")
}

#[test]
fn params_default_is_valid() {
    assert!(Params::default().check().is_ok());
    let bad = Params {
        bands: 0,
        ..Params::default()
    };
    assert!(bad.check().unwrap_err().contains("bands"));
    let bad = Params {
        threshold: 1.5,
        ..Params::default()
    };
    assert!(bad.check().is_err());
}

#[test]
fn signatures_are_deterministic_and_see_through_disguise() {
    let p = Params::default();
    let a = Signature::of(STORY, &p);
    assert_eq!(a, Signature::of(STORY, &p));
    assert_eq!(a.values().len(), p.hashes());
    assert_eq!(a, Signature::of(&disguise(STORY), &p));
    assert_eq!(a, Signature::of(&STORY.to_uppercase(), &p));
    let b = Signature::of(OTHER, &p);
    assert!(a.similarity(&b) < 0.1);
}

#[test]
fn similarity_tracks_jaccard() {
    let p = Params::default();
    // drop the last quarter of the words: 2-word shingles keep ~3/4
    let words: Vec<&str> = STORY.split(' ').collect();
    let cut = words[..words.len() * 3 / 4].join(" ");
    let s = Signature::of(STORY, &p).similarity(&Signature::of(&cut, &p));
    assert!((0.55..0.95).contains(&s), "{s}");
    let a = Post::of(STORY, &p);
    let b = Post::of(&cut, &p);
    let e = sketch_similarity(&a.sketch, &b.sketch);
    assert!((s - e).abs() < 0.1, "{s} vs {e}");
}

#[test]
fn empty_posts_stay_alone() {
    let p = Params::default();
    let mut c = Campaigns::new(p);
    let a = c.add(&Post::of("", &p));
    let b = c.add(&Post::of("?!", &p));
    assert!(Post::of("", &p).is_empty());
    assert_ne!(c.campaign(a), c.campaign(b));
    assert_eq!(c.size(b), 1);
    assert!(c.best_match(&Post::of("", &p)).is_none());
}

#[test]
fn copies_join_the_earliest_post() {
    let p = Params::default();
    let mut c = Campaigns::new(p);
    let other = c.add(&Post::of(OTHER, &p));
    let first = c.add(&Post::of(STORY, &p));
    let copy = c.add(&Post::of(&disguise(STORY), &p));
    let reworded = c.add(&Post::of(&STORY.replace("last night", "on Sunday"), &p));
    c.flatten();
    assert_eq!(c.campaign(copy), first);
    assert_eq!(c.campaign(reworded), first);
    assert_eq!(c.campaign(other), other);
    assert_eq!(c.size(first), 3);
    assert_eq!(c.size(other), 1);
    assert!(c.similarity(first, copy) > 0.95);
    let m = c.best_match(&Post::of(STORY, &p)).unwrap();
    assert_eq!(m.campaign, first);
    assert!(c
        .best_match(&Post::of("nothing like the others at all here", &p))
        .is_none());
    assert!(c.heap_bytes() > 0);
    assert_eq!(c.len(), 4);
}

#[test]
fn campaigns_merge_under_the_earliest_id() {
    // b links a and c, which are too different to link directly
    let p = Params::default();
    let words: Vec<&str> = STORY.split(' ').collect();
    let n = words.len();
    let a = words[..n * 2 / 3].join(" ");
    let b = words.join(" ");
    let cc = words[n / 3..].join(" ");
    let mut c = Campaigns::new(p);
    let ia = c.add(&Post::of(&a, &p));
    let ic = c.add(&Post::of(&cc, &p));
    assert_ne!(c.campaign(ia), c.campaign(ic));
    let ib = c.add(&Post::of(&b, &p));
    assert_eq!(c.campaign(ib), ia);
    assert_eq!(c.campaign(ic), ia);
    assert_eq!(c.size(ic), 3);
}

#[test]
fn estimates_are_unbiased_on_random_sets() {
    // sets of 100 random shingles sharing k of them: Jaccard k / (200 - k)
    let p = Params::default();
    let mut seed = 7u64;
    let mut next = || {
        seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        hash::mix64(seed)
    };
    for (shared, want) in [(50usize, 1.0 / 3.0), (67, 0.503), (89, 0.802)] {
        let (mut full, mut sketch) = (0.0, 0.0);
        let trials = 40;
        for _ in 0..trials {
            let common: Vec<u64> = (0..shared).map(|_| next()).collect();
            let mut x = common.clone();
            let mut y = common;
            x.extend((shared..100).map(|_| next()));
            y.extend((shared..100).map(|_| next()));
            let (sx, sy) = (
                Signature::of_shingles(&x, &p),
                Signature::of_shingles(&y, &p),
            );
            full += sx.similarity(&sy);
            let (px, py) = (sx.post(&p), sy.post(&p));
            sketch += sketch_similarity(&px.sketch, &py.sketch);
        }
        let (full, sketch) = (full / trials as f32, sketch / trials as f32);
        assert!((full - want).abs() < 0.03, "{shared}: {full} vs {want}");
        assert!((sketch - want).abs() < 0.03, "{shared}: {sketch} vs {want}");
    }
}

#[test]
fn post_of_text_is_the_post_of_its_signature() {
    for p in [
        Params::default(),
        Params {
            bands: 50,
            rows: 4,
            ..Params::default()
        },
    ] {
        for t in [STORY, OTHER, "", "one", &disguise(STORY)] {
            let sig = Signature::of(t, &p);
            assert_eq!(Post::of(t, &p), sig.post(&p));
            assert_eq!(
                sig,
                Signature::of_shingles(&shingles(t, p.shingle_words), &p)
            );
        }
    }
}
