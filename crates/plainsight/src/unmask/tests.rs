//! Unit tests of the unmask passes, one block per disguise class.

use super::*;

fn u(s: &str) -> String {
    unmask(s).into_text()
}

/// Replays the changes over the input.
fn replay(input: &str, r: &Unmasked) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for c in r.changes() {
        out.push_str(&input[pos..c.input.start]);
        out.push_str(&c.replacement);
        pos = c.input.end;
    }
    out.push_str(&input[pos..]);
    out
}

#[test]
fn homoglyph_latin_words() {
    assert_eq!(
        u("Fiпally the trυth aboυt it"),
        "Finally the truth about it"
    );
    assert_eq!(
        u("Тһіѕ іѕ а tеѕt оf thе ѕуѕtеm."),
        "This is a test of the system."
    );
    assert_eq!(u("Ηеllο wοrld"), "Hello world");
}

#[test]
fn homoglyph_keeps_case() {
    assert_eq!(u("ЅОМЕТНІNG big"), "SOMETHING big");
    assert_eq!(u("Рaris"), "Paris");
}

#[test]
fn latin_planted_in_cyrillic() {
    assert_eq!(
        u("Мы пoшли в лec зa гpибaми."),
        "Мы пошли в лес за грибами."
    );
}

#[test]
fn latin_planted_in_greek() {
    assert_eq!(
        u("Η γάτα κoιμάται στov καvαπέ."),
        "Η γάτα κοιμάται στον καναπέ."
    );
}

#[test]
fn acronyms_in_cyrillic_stay() {
    let s = "В XIX веке в СССР и в США работали с HIV и ТВ.";
    assert_eq!(u(s), s);
}

#[test]
fn styled_letters() {
    assert_eq!(u("𝐁𝐨𝐥𝐝 and 𝘪𝘵𝘢𝘭𝘪𝘤 and 𝔣𝔯𝔞𝔨"), "Bold and italic and frak");
    assert_eq!(u("ⓒⓘⓡⓒⓛⓔⓓ ᴛᴇxᴛ"), "circled text");
    assert_eq!(u("Ｆｕｌｌｗｉｄｔｈ words"), "Fullwidth words");
}

#[test]
fn fullwidth_in_cjk_stays() {
    let s = "東京（とうきょう）は日本の首都です。ＡＢＣ";
    assert_eq!(u(s), s);
}

#[test]
fn invisible_characters() {
    assert_eq!(u("pa\u{200B}ss\u{200D}wo\u{2060}rd\u{00AD}s"), "passwords");
    assert_eq!(u("ta\u{E0061}g"), "tag");
    assert_eq!(u("wo\u{FE0F}rd"), "word");
}

#[test]
fn emoji_sequences_stay() {
    for s in [
        "👨\u{200D}👩\u{200D}👧 family",
        "❤\u{FE0F} love",
        "1\u{FE0F}\u{20E3}",
        "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
        "🇫🇷",
    ] {
        assert_eq!(u(s), s, "{s:?}");
    }
}

#[test]
fn persian_zwnj_stays() {
    let s = "می\u{200C}خواهم به خانه بروم";
    assert_eq!(u(s), s);
}

#[test]
fn bidi_reorder() {
    assert_eq!(u("Sea\u{202E}cr\u{202C}h now"), "Search now");
    assert_eq!(u("plain \u{202D}text\u{202C}"), "plain text");
}

#[test]
fn rtl_text_stays() {
    let s = "שלום עולם\u{200F} (2006)";
    assert_eq!(u(s), s);
    let a = "مرحبا \u{202B}بالعالم\u{202C}";
    assert_eq!(u(a), a);
}

#[test]
fn deletion_controls() {
    assert_eq!(u("hellx\u{8}o"), "hello");
    assert_eq!(u("\u{8}start"), "start");
    let r = unmask("abx\u{8}c");
    assert_eq!(r.changes().len(), 1);
    assert_eq!(r.changes()[0].class, Class::Deletion);
    assert_eq!(r.changes()[0].original, "x\u{8}");
}

#[test]
fn zalgo_marks() {
    assert_eq!(u("H\u{0315}\u{0327}\u{0358}e\u{0336}\u{0353}llo"), "Hello");
    // real diacritics stay: precomposed and decomposed
    for s in [
        "café naïve Brontë",
        "Tiếng Việt",
        "e\u{0323}\u{0302}",
        "नमस्ते दुनिया",
        "ἄ\u{0345}",
    ] {
        assert_eq!(u(s), s, "{s:?}");
    }
}

#[test]
fn exotic_spaces() {
    assert_eq!(u("a\u{2003}b\u{2009}c"), "a b c");
    let fr = "« Bonjour\u{202F}! »\u{00A0}dit-il.";
    assert_eq!(u(fr), fr);
    let ja = "日本\u{3000}語";
    assert_eq!(u(ja), ja);
}

#[test]
fn changes_replay_to_output() {
    for s in [
        "Fiпally",
        "a\u{202E}bc\u{202C}d",
        "xy\u{8}z",
        "𝐁\u{200B}oо",
        "Z\u{0300}\u{0301}\u{0302}a",
    ] {
        let r = unmask(s);
        assert_eq!(replay(s, &r), r.text(), "{s:?}");
        for c in r.changes() {
            assert_eq!(&s[c.input.clone()], c.original);
            assert_eq!(&r.text()[c.output.clone()], c.replacement);
        }
    }
}

#[test]
fn input_range_maps_back() {
    let s = "the fiпal trυth";
    let r = unmask(s);
    let out = r.text();
    let at = out.find("truth").unwrap();
    let back = r.input_range(at..at + "truth".len());
    assert_eq!(&s[back], "trυth");
    let at = out.find("final").unwrap();
    assert_eq!(&s[r.input_range(at..at + 5)], "fiпal");
}

#[test]
fn score_separates_clean_and_disguised() {
    assert_eq!(unmask("An ordinary sentence.").score(), 0.0);
    assert!(unmask("Ηеllο wοrld, hοw аrе yου").score() > 0.9);
}

#[test]
fn ascii_swaps_in_english_lines() {
    assert_eq!(
        u("from the viIlage of Butam and aIl the others"),
        "from the village of Butam and all the others"
    );
    assert_eq!(u("I\u{02BC}ve traveled far"), "I've traveled far");
    // a typed backtick is real text
    assert_eq!(u("Mama`s home"), "Mama`s home");
    assert_eq!(u("ln the end it was fine"), "In the end it was fine");
}

#[test]
fn sprinkled_accents() {
    assert_eq!(
        u("At 79, Jïmmy Pägé finally tells the story"),
        "At 79, Jimmy Page finally tells the story"
    );
    for s in [
        "She ordered a café au lait in Zürich with José.",
        "Beyoncé and Brontë were naïve about it.",
        "Il était une fois à Paris.",
    ] {
        assert_eq!(u(s), s, "{s:?}");
    }
}

#[test]
fn outlined_letters_of_unicode_16() {
    // U+1CCE9 OUTLINED LATIN CAPITAL LETTER T, U+1CCF1 OUTLINED DIGIT ONE (for l)
    assert_eq!(u("\u{1CCE9}hey spent time"), "They spent time");
    assert_eq!(
        u("people nicely and we\u{1CCF1}l."),
        "people nicely and well."
    );
}

#[test]
fn lone_lookalikes_of_one_letter_words() {
    assert_eq!(
        u("he was a thief, or \u{237A} violent man, they said"),
        "he was a thief, or a violent man, they said"
    );
    assert_eq!(
        u("and today \u{2223} have time for this"),
        "and today I have time for this"
    );
}

#[test]
fn dash_runs_that_mix_hyphens_become_hyphens() {
    assert_eq!(u("--‐--−---Ⲻ--"), "------------");
    assert_eq!(u("a — b – c"), "a — b – c");
    assert_eq!(
        u("pp. 12–15, −5 °C, co‐operate"),
        "pp. 12–15, −5 °C, co‐operate"
    );
}

#[test]
fn marks_of_a_disguised_line() {
    // the line shows disguise (restored letters): ’ before a space is a
    // comma, confusable marks are their ASCII mark, a mismatched bracket
    // takes the kind of its ASCII partner, |ose is lose
    assert_eq!(
        u("Ηоwеvеr’ the mаn said yesʔ (see］ and − more"),
        "However, the man said yes? (see) and - more"
    );
    assert_eq!(u("Тһеу |ose ˗ tһеу wіп"), "They lose - they win");
    // plural possessives, quotes opened with ‘ and IPA stay
    assert_eq!(u("Тһе students’ books"), "The students’ books");
    assert_eq!(u("Тһе ‘word’ here"), "The ‘word’ here");
    assert_eq!(u("Тһе name [bɛʁˈnʊli] is"), "The name [bɛʁˈnʊli] is");
}

#[test]
fn marks_of_a_plain_line_stay() {
    for s in [
        "However’ the man said yesʔ (see］ and − more",
        "They |ose it",
        "The students’ books, ‘word’ and [bɛʁˈnʊli].",
    ] {
        // (a fullwidth bracket is rewritten anyway: to the kind its pair needs)
        assert_eq!(u(s), s.replace('］', ")"), "{s}");
    }
}

#[test]
fn swaps_in_links_of_a_line_that_swaps_letters() {
    assert_eq!(
        u("Pleasе see the FiIe at home.example.com/empIoyee.xIs"),
        "Please see the File at home.example.com/employee.xls"
    );
    // without other swaps a link is left as it is written
    assert_eq!(
        u("see home.example.com/showItem.xIs"),
        "see home.example.com/showItem.xIs"
    );
}

#[test]
fn numbers_split_by_marks_and_digit_lookalikes() {
    assert_eq!(u("after 11:0O p.m."), "after 11:00 p.m.");
    assert_eq!(u("it was 3,5OO"), "it was 3,500");
    // a real word after a number stays: 5.Oh no, 12:OK
    assert_eq!(u("at 12:OK then"), "at 12:OK then");
    assert_eq!(
        u("Тһе L\u{14BF} rеsеаrсh [\u{1E8CB}]"),
        "The L2 research [8]"
    );
}

#[test]
fn marks_that_only_a_disguise_writes() {
    // two dashes of different kinds, one of them odd
    assert_eq!(u("˗‐Paul, Atlanta"), "--Paul, Atlanta");
    assert_eq!(u("a — b – c —– d"), "a — b – c —– d");
    // a lone syllabic letter that reads as a mark shows disguise
    assert_eq!(u("ᐸ‹ File: notes.txt >>"), "<< File: notes.txt >>");
    // a dot drawn as a Hangul araea after a word, in a disguised line
    assert_eq!(u("Тһе end of the stоry ㆍ"), "The end of the story .");
    assert_eq!(u("visit Ноustоnㆍ"), "visit Houston.");
}

#[test]
fn letters_cited_in_text_about_a_script_stay() {
    let s = "senza kana \"no\" (の o ノ), e la ノ sola";
    assert_eq!(u(s), s);
    assert_eq!(u("੧ㆍ３ｍ - the number"), "9.3m - the number");
}

#[test]
fn capital_then_i_and_initial_l() {
    assert_eq!(u("AII the buiIdings"), "All the buildings");
    assert_eq!(u("AlI the buiIdings"), "All the buildings");
    assert_eq!(u("a dog named OIIy was weII"), "a dog named Olly was well");
    assert_eq!(
        u("the ruIes of lmperium and lchiban"),
        "the rules of Imperium and Ichiban"
    );
    // numerals, AI and plain words stay
    for s in ["Henry VII and XII", "AI and III", "like little lemons"] {
        assert_eq!(u(s), s);
    }
}

#[test]
fn links_of_a_disguised_line() {
    assert_eq!(
        u("see ｈttp://www.IoveaIIpeopIe.org/index.htmI now"),
        "see http://www.loveallpeople.org/index.html now"
    );
    // a clean line keeps its links as written
    assert_eq!(
        u("see http://example.org/Index.htmI"),
        "see http://example.org/Index.htmI"
    );
}

#[test]
fn letters_written_as_marks_in_a_disguised_line() {
    assert_eq!(
        u("Тһе sma|l cat is rea| nice, especia|Iy t° me"),
        "The small cat is real nice, especially to me"
    );
    assert_eq!(
        u("Тһе officers’ who left, the students’ books"),
        "The officers, who left, the students’ books"
    );
    assert_eq!(u("in (1g73) there"), "in (1973) there");
    // a pipe between words, a plain line's pipes and degrees stay
    assert_eq!(u("Тһе a | b table"), "The a | b table");
    assert_eq!(u("a sma|l t° me"), "a sma|l t° me");
}

/// Combining strokes and lines that style whole runs of text (text-styler
/// output) are removed; real accents, decomposed or not, stay.
#[test]
fn line_style_marks() {
    let strike: String = "Rumors spread fast"
        .chars()
        .flat_map(|c| [c, '\u{336}'])
        .collect();
    assert_eq!(u(&strike), "Rumors spread fast");
    let under: String = "the real story"
        .chars()
        .flat_map(|c| [c, '\u{332}'])
        .collect();
    assert_eq!(u(&under), "the real story");
    let slash: String = "fake"
        .chars()
        .flat_map(|c| [c, '\u{338}'])
        .collect::<String>()
        + " news";
    assert_eq!(u(&slash), "fake news");
    let r = unmask(&strike);
    assert!(r.changes().iter().all(|c| c.class == Class::Styled));
    assert_eq!(replay(&strike, &r), r.text());
    // decomposed accents compose: they stay, even three in a row
    for real in [
        "Ja\u{308}a\u{308}a\u{308}r on sõna.",
        "ne\u{301}e\u{301} a\u{300} Paris",
        "Tiếng Việt có dấu",
        "IPA [t\u{32a}a\u{303}] and n\u{329}",
    ] {
        assert_eq!(u(real), real);
    }
}

/// Superscript and subscript letters ("tiny text") become plain letters in
/// lines written with them; phonetic superscripts after letters stay.
#[test]
fn tiny_text_letters() {
    assert_eq!(u("ᵗʰᵉ ˢᵉᶜʳᵉᵗ ʷᵉᵈᵈⁱⁿᵍ"), "the secret wedding");
    assert_eq!(
        u("Sʰᵉ ʷᵃˢ ᵗʰᵉʳᵉ, ᵃ ˢᵒᵘʳᶜᵉ ˢᵃʸˢ"),
        "She was there, a source says"
    );
    // (there is no superscript capital S: the small one stays small)
    assert_eq!(u("ᴮᴵᴳ ᴺᴱᵂˢ today"), "BIG NEWs today");
    // one tiny word, English: the typography of a footnote or an ordinal stays
    // unless the line reads as tiny text
    for real in [
        "[tʰæŋk] and [kʷa] in a phonetic transcription",
        "the 5ᵗʰ of May",
        "x² + yⁿ = zⁿ",
        "Mᵍʳ Dupont",
    ] {
        assert_eq!(u(real), real);
    }
}

/// A line written wholly in a script whose letters imitate Latin capitals
/// (Lisu) reads as Latin when it then spells English; real text in such a
/// script does not spell English and stays.
#[test]
fn whole_line_in_an_imitating_script() {
    assert_eq!(
        u("ꓔꓧꓰ ꓢꓰꓚꓣꓰꓔ ꓪꓰꓓꓓꓲꓠꓖ ꓪꓮꓢ ꓚꓮꓠꓚꓰꓡꓡꓰꓓ"),
        "THE SECRET WEDDING WAS CANCELLED"
    );
    for real in ["ꓡꓲ ꓟꓳ ꓐꓰ ꓢꓲ ꓗꓳ", "ꓝꓴ ꓡꓲ ꓟꓬ ꓔꓰ ꓪꓱ"] {
        assert_eq!(u(real), real);
    }
}

/// In a line that hid invisible characters inside its words, the ones left
/// between marks and spaces go too; joiners of emoji and joining scripts stay.
#[test]
fn invisible_between_marks_in_a_disguised_line() {
    assert_eq!(u("we\u{200d}ll,\u{200d} s\u{200d}ure"), "well, sure");
    let family = "he\u{200b}llo a\u{200b}gain 👨\u{200d}👩\u{200d}👧 ok";
    assert_eq!(u(family), "hello again 👨\u{200d}👩\u{200d}👧 ok");
    // one hidden character is not enough to remove the rest
    let s = "a,\u{200d} b";
    assert_eq!(u(s), s);
}

/// Accents sprinkled over every word, composed or decomposed, on letters
/// with or without a precomposed form; real accented text stays.
#[test]
fn accents_over_every_word() {
    let plain = "The secret wedding was last night";
    let nfc: String = "Ṭḥẹ ṣẹc̣ṛẹṭ ẉẹḍḍịṇg̣ ẉạṣ ḷạṣṭ ṇịg̣ḥṭ".into();
    assert_eq!(u(&nfc), plain);
    let nfd: String = plain
        .chars()
        .flat_map(|c| {
            let mark = if "aeiou".contains(c) {
                Some('\u{308}')
            } else {
                None
            };
            std::iter::once(c).chain(mark)
        })
        .collect();
    assert_eq!(u(&nfd), plain);
    let r = unmask(&nfd);
    assert_eq!(replay(&nfd, &r), plain);
    for real in [
        "Ọmọ mi ṣeré ní ilé ìwé lónìí.",
        "Tiếng Việt là ngôn ngữ chính thức của Việt Nam.",
        "Le général a visité l'hôpital de la ville à midi.",
        "Die Bürgermeisterin öffnete die Tür für alle Gäste.",
    ] {
        assert_eq!(u(real), real);
    }
}

/// Styled letters without a compatibility decomposition (negative circled
/// and squared capitals, negative circled digits) and format controls that
/// the invisible list lacked.
#[test]
fn more_styles_and_invisibles() {
    assert_eq!(u("🅣🅗🅔 🅢🅔🅒🅡🅔🅣"), "THE SECRET");
    assert_eq!(u("🆃🅷🅴 🆂🅴🅲🆁🅴🆃"), "THE SECRET");
    assert_eq!(u("step ❷ of ❸"), "step 2 of 3");
    // emoji keep their meaning on their own
    let s = "🅿\u{fe0f} parking, blood type 🅰";
    assert_eq!(u(s), s);
    for ch in ['\u{206A}', '\u{206F}', '\u{1BCA0}', '\u{FFF9}'] {
        let t: String = "secret".chars().flat_map(|c| [c, ch]).collect();
        assert_eq!(u(&t), "secret", "{:?}", ch);
    }
    // Mongolian free variation selectors stay after Mongolian letters
    let mn = "ᠮᠣᠩᠭᠣᠯ\u{180B} ᠬᠡᠯᠡ";
    assert_eq!(u(mn), mn);
}
