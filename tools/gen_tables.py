#!/usr/bin/env python3
"""Generate crates/plainsight/src/unmask/tables.rs from vendored Unicode data.

usage: python3 tools/gen_tables.py   (from the repository root)

Inputs (all in crates/plainsight/data/):
  confusables.txt        Unicode UTS #39 confusables (Unicode licence, see LICENSE-UNICODE)
  extra_confusables.txt  look-alikes that confusables.txt lacks, each with its reason

Outputs two sorted tables that the engine binary-searches:
  LOOKALIKE: letter -> its look-alike in Latin, Cyrillic and Greek (0 = none)
  STYLED:    styled letter/digit (mathematical, enclosed, small capitals, letterlike)
             -> the plain letter it is a style of
Python's unicodedata supplies names, case and NFKC; the script of a letter comes
from its name's first word, which is exact for the blocks used here.
"""
import os
import sys
import unicodedata as ud

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "crates/plainsight/data")
OUT = os.path.join(ROOT, "crates/plainsight/src/unmask/tables.rs")


EXTRA_SOURCES = set()


def script_of(c):
    """The script of a letter, from its name's first word (OLD ITALIC -> OLD)."""
    name = ud.name(c, "")
    if not name or not ud.category(c).startswith("L"):
        return None
    first = name.split(" ")[0]
    if first in ("CJK", "HANGUL", "HIRAGANA", "KATAKANA", "YI") and c not in EXTRA_SOURCES:
        return None  # ideographs and syllables are never look-alikes of letters here
    return first


def common_letters(script):
    """The letters a restored word may contain: an everyday alphabet."""
    if script == "LATIN":
        return {chr(c) for c in range(0x41, 0x5B)} | {chr(c) for c in range(0x61, 0x7B)}
    if script == "CYRILLIC":
        s = {chr(c) for c in range(0x0400, 0x0460)}
        return s
    if script == "GREEK":
        return {chr(c) for c in range(0x0386, 0x03D0) if ud.category(chr(c)).startswith("L")}
    return set()


def rank(script, c):
    """Lower is preferred when several everyday letters share a skeleton."""
    o = ord(c)
    if script == "CYRILLIC":
        return 0 if 0x0410 <= o <= 0x044F else 1
    if script == "GREEK":
        return 0 if 0x0391 <= o <= 0x03C9 else 1
    return 0


def case_of(c):
    if c.isupper():
        return "U"
    if c.islower():
        return "L"
    return None


def parse_confusables():
    pairs, extra = [], []
    with open(os.path.join(DATA, "confusables.txt"), encoding="utf-8-sig") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            src, dst, _ = [p.strip() for p in line.split(";")]
            s = "".join(chr(int(x, 16)) for x in src.split())
            d = "".join(chr(int(x, 16)) for x in dst.split())
            pairs.append((s, d))
    with open(os.path.join(DATA, "extra_confusables.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            src, dst = [p.strip() for p in line.split(";")[:2]]
            extra.append((chr(int(src, 16)), chr(int(dst, 16))))
            EXTRA_SOURCES.add(chr(int(src, 16)))
    return pairs, extra


def main():
    pairs, extra = parse_confusables()
    # skeleton classes: every single-character source joins the class of its prototype
    cls = {}
    proto_of = {s: d for s, d in pairs if len(s) == 1 and len(d) == 1}
    for s, d in pairs:
        if len(s) != 1 or len(d) != 1:
            continue
        cls.setdefault(d, {d}).add(s)
    members_of = {}
    for proto, mem in cls.items():
        for m in mem:
            members_of.setdefault(m, set()).update(mem)
    strong_members = {k: set(v) for k, v in members_of.items()}
    # extra pairs work one way: the source reads as the target's class, but the
    # class does not gain the source (Latin n in a Cyrillic word stays n)
    for s, d in extra:
        members_of.setdefault(s, {s}).update(members_of.get(d, {d}))
    # Latin letters of real orthographies that confusables.txt maps to ASCII
    # but that are ordinary letters of a language: never rewritten by table.
    keep_latin = {"\u0131", "\u0138", "\u01c1", "\u01c3", "\u00aa", "\u00ba"}
    targets = ("LATIN", "CYRILLIC", "GREEK")

    def row_for(c, group):
        sc = script_of(c)
        row = []
        for t in targets:
            if sc == t and c in common_letters(t):
                row.append(0)  # already an everyday letter of that script
                continue
            cands = [m for m in group if m != c and script_of(m) == t and m in common_letters(t)]
            cc = case_of(c)
            proto = proto_of.get(c)
            if cc and sc in targets:
                # same case, or the prototype itself (Ь reads as b, Ƅ as b)
                cands = [m for m in cands if case_of(m) == cc or m == proto]
            if not cands:
                row.append(0)
                continue
            # letters of other scripts (Cherokee, Lisu, Warang Citi…) read as
            # their prototype, whatever case Unicode gives them
            if sc in targets:
                cands.sort(key=lambda m: (bool(cc) and case_of(m) != cc, m != proto, rank(t, m), ord(m)))
            else:
                cands.sort(key=lambda m: (m != proto, bool(cc) and case_of(m) != cc, rank(t, m), ord(m)))
            row.append(ord(cands[0]))
        return row

    rows = {}
    for c, group in members_of.items():
        if not ud.category(c).startswith("L"):
            continue
        sc = script_of(c)
        if sc is None or (sc == "LATIN" and c in keep_latin):
            continue
        row = row_for(c, group)
        if any(row):
            strong = row_for(c, strong_members.get(c, {c}))
            mask = sum(1 << i for i in range(3) if row[i] and strong[i] == row[i])
            rows[ord(c)] = row + [mask]
    # symbols, digits and marks that read as an ASCII letter (⍺, ౦, °, ∣):
    # restored only inside Latin words, next to a letter and not to a digit
    symbols = {}
    for src, d in pairs + extra:
        if len(src) != 1 or len(d) != 1 or not ("a" <= d.lower() <= "z") or src.isascii():
            continue
        cat = ud.category(src)
        if cat.startswith("L") or cat.startswith("Z") or cat.startswith("C"):
            continue
        symbols[ord(src)] = ord(d)
    # punctuation and digits that read as an ASCII one (᛬ as :, ⧸ as /, ੧ as 9),
    # rewritten only in Latin lines, next to ASCII (see letters.rs). Marks that
    # real Latin text uses as they are stay out: quotes, dashes, primes,
    # the minus sign, the fraction slash, the fullwidth forms (handled apart).
    keep_marks = set("‐‑–—‘’′´‹›˜΄׳՝։׃ःઃ＇｀：！（）［］＼−⁄∕∖∼∶∗")
    marks = {}
    for src, d in pairs:
        if len(src) != 1 or len(d) != 1 or src.isascii() or not d.isascii() or not d.isprintable() or d.isalpha() or d == " ":
            continue
        cat = ud.category(src)
        if cat[0] in "ZC" or src in keep_marks or 0xFF00 <= ord(src) <= 0xFFEF:
            continue
        if cat[0] == "L" and not d.isdigit():
            continue  # letters that look like punctuation (Lisu ꓹ) are handled by rule
        marks[ord(src)] = ord(d)
    # every other character confusables.txt reads as one ASCII mark (ʔ as ?,
    # ‐ as -, ᐸ as <, ˊ as '): rewritten only in lines that show deliberate
    # disguise elsewhere (see letters.rs); typographic quotes and the en and
    # em dash stay even there
    loose_keep = set("‘’“”–—")
    loose = {}
    for src, d in pairs:
        if len(src) != 1 or len(d) != 1 or src.isascii() or not d.isascii() or not d.isprintable() or d.isalnum() or d == " ":
            continue
        cat = ud.category(src)
        if cat[0] in "ZCM" or src in loose_keep or ord(src) in marks or 0xFF00 <= ord(src) <= 0xFFEF:
            continue
        loose[ord(src)] = ord(d)
    # styled letters: NFKC gives one plain letter or digit
    styled = {}
    ranges = [(0x1D400, 0x1D7FF), (0x2100, 0x214F), (0x2460, 0x24FF), (0x1F100, 0x1F1E5),
              (0x1FBF2, 0x1FBF9)]  # segmented digits; 0 and 1 read as O and l (SYMBOLS)
    for lo, hi in ranges:
        for o in range(lo, hi + 1):
            c = chr(o)
            if ud.category(c) == "Cn":
                continue
            n = ud.normalize("NFKC", c)
            name = ud.name(c, "")
            if name.startswith("PARENTHESIZED") and len(n) == 3 and n[0] == "(" and n[2] == ")":
                n = n[1]
            if len(n) != 1 or c == n:
                continue
            if not (n.isalnum()):
                continue
            if "SQUARED" in name or "NEGATIVE" in name or "CIRCLED" in name or "PARENTHESIZED" in name \
                    or name.startswith("MATHEMATICAL") or name.startswith("SEGMENTED") or lo == 0x2100:
                styled[o] = ord(n)
    # negative (white on black) circled and squared capitals and negative
    # circled digits have no compatibility decomposition: by name
    digits = {"ZERO": 0, "ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5,
              "SIX": 6, "SEVEN": 7, "EIGHT": 8, "NINE": 9}
    for o in list(range(0x1F150, 0x1F16A)) + list(range(0x1F170, 0x1F18A)) \
            + list(range(0x2776, 0x2794)) + list(range(0x24EB, 0x2500)):
        name = ud.name(chr(o), "")
        last = name.split(" ")[-1]
        if "NEGATIVE" not in name and "DINGBAT" not in name:
            continue
        if "LATIN CAPITAL LETTER" in name and len(last) == 1:
            styled.setdefault(o, ord(last))
        elif "DIGIT" in name and last in digits:
            styled.setdefault(o, ord("0") + digits[last])
    # Unicode 16 (Legacy Computing Supplement) outlined letters and digits,
    # newer than the Python and confusables.txt data used here: U+1CCD6..U+1CCEF
    # OUTLINED LATIN CAPITAL LETTER A..Z, U+1CCF0..U+1CCF9 OUTLINED DIGIT ZERO..NINE
    for k in range(26):
        styled[0x1CCD6 + k] = ord("A") + k
    for k in range(10):
        styled[0x1CCF0 + k] = ord("0") + k
    # small capitals as fancy-text generators use them (lower case letters)
    small_caps = dict(zip("abcdefghijklmnoprstuvwyz", "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ"))
    for plain, sc in small_caps.items():
        styled[ord(sc)] = ord(plain)
    # small capitals are styles, not homoglyphs: keep them out of LOOKALIKE
    for o in list(rows):
        if o in styled:
            del rows[o]

    with open(OUT, "w", encoding="utf-8") as f:
        f.write("// @generated by tools/gen_tables.py from crates/plainsight/data; do not edit.\n")
        f.write("//! Generated look-alike and styled-letter tables.\n\n")
        f.write("/// (letter, Latin look-alike, Cyrillic look-alike, Greek look-alike, strong mask); 0 = none.\n")
        f.write("/// Bit i of the mask is set when look-alike i comes from confusables.txt itself. Sorted.\n")
        f.write(f"pub(crate) static LOOKALIKE: [(u32, u32, u32, u32, u8); {len(rows)}] = [\n")
        for o in sorted(rows):
            r = rows[o]
            f.write(f"    (0x{o:04X}, 0x{r[0]:04X}, 0x{r[1]:04X}, 0x{r[2]:04X}, {r[3]}),\n")
        f.write("];\n\n")
        f.write("/// (symbol, digit or mark, the ASCII letter it reads as). Sorted.\n")
        f.write(f"pub(crate) static SYMBOLS: [(u32, u32); {len(symbols)}] = [\n")
        for o in sorted(symbols):
            f.write(f"    (0x{o:04X}, 0x{symbols[o]:04X}),\n")
        f.write("];\n\n")
        f.write("/// (punctuation or digit look-alike, the ASCII character it reads as). Sorted.\n")
        f.write(f"pub(crate) static MARKS: [(u32, u32); {len(marks)}] = [\n")
        for o in sorted(marks):
            f.write(f"    (0x{o:04X}, 0x{marks[o]:04X}),\n")
        f.write("];\n\n")
        f.write("/// (look-alike of an ASCII mark outside MARKS, the mark), for disguised lines only. Sorted.\n")
        f.write(f"pub(crate) static LOOSE_MARKS: [(u32, u32); {len(loose)}] = [\n")
        for o in sorted(loose):
            f.write(f"    (0x{o:04X}, 0x{loose[o]:04X}),\n")
        f.write("];\n\n")
        f.write("/// (styled letter or digit, plain letter or digit). Sorted.\n")
        f.write(f"pub(crate) static STYLED: [(u32, u32); {len(styled)}] = [\n")
        for o in sorted(styled):
            f.write(f"    (0x{o:04X}, 0x{styled[o]:04X}),\n")
        f.write("];\n")
    print(f"{len(rows)} look-alikes, {len(styled)} styled -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
