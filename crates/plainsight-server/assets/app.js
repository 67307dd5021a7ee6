// plainsight web page: no dependencies, no network but this server.
// Offsets from the API are UTF-8 byte offsets; the page slices the UTF-8
// bytes of each text rather than JavaScript (UTF-16) strings.
// User text only ever reaches the page through textContent, never innerHTML.
"use strict";

const $ = (id) => document.getElementById(id);
const enc = new TextEncoder();
const dec = new TextDecoder();

const CLASS_HELP = {
  homoglyph: "look-alike letter from another script",
  styled: "styled letter (bold, fullwidth, circled…)",
  invisible: "invisible character",
  bidi: "bidi control reordering the text",
  deletion: "character erased by a backspace",
  zalgo: "stack of combining marks",
  space: "exotic space",
  accent: "accent sprinkled over a letter",
};

const FAMILY_HELP = {
  disguise: "written in disguised letters",
  hook: "headline hook",
  sourcing: "anonymous or vague source",
  quote: "long quote no one can check",
  secrecy: "secret / never-released framing",
  style: "emotional or templated style",
  clickbait: "clickbait wording",
  rumor: "rumour or speculation",
  attribution: "checkable attribution",
  wording: "word choice",
};

let features = { scan: false, index: false };
// what this server offers (scan, a campaign index), read once from /healthz
let ready = Promise.resolve();

// Keeps a tooltip inside the screen (phones): shift it left when it overflows.
function placeTip(mark) {
  const tip = mark.querySelector(".tip");
  if (!tip) return;
  tip.style.left = "0px";
  const r = tip.getBoundingClientRect();
  const over = r.right - (document.documentElement.clientWidth - 8);
  if (over > 0) tip.style.left = `${-Math.min(over, r.left - 8)}px`;
}
let seq = 0;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

async function post(path, body) {
  const r = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  let json = null;
  try { json = await r.json(); } catch (_) { /* not JSON */ }
  if (!r.ok) {
    const msg = json && json.error ? json.error : `HTTP ${r.status}`;
    const err = new Error(msg);
    err.status = r.status;
    throw err;
  }
  return json;
}

function status(msg, isError) {
  const s = $("status");
  s.textContent = msg;
  s.classList.toggle("error", !!isError);
}

function level(score) {
  return score >= 0.7 ? "high" : score >= 0.3 ? "mid" : "low";
}

function codePoint(ch) {
  return "U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
}

// A character as it can be shown: letters, digits, punctuation and symbols as
// themselves; controls, marks and spaces as their code point.
function shown(ch) {
  return ch === " " || /\p{L}|\p{N}|\p{P}|\p{S}/u.test(ch) ? ch : `⟨${codePoint(ch)}⟩`;
}

// Lines explaining `s`: one per character ("п U+043F CYRILLIC SMALL LETTER PE
// (Cyrillic)"); for a longer run (a bidi span, a zalgo stack), the run as
// stored, then one line per distinct unusual character.
function describeChars(s, names) {
  const line = (ch) => {
    const info = names.get(ch);
    const name = info && info.name ? info.name : "";
    const script = info ? info.script : "";
    const glyph = /\p{L}|\p{N}|\p{P}|\p{S}/u.test(ch) ? ch + " " : "";
    return `${glyph}${codePoint(ch)}${name ? " " + name : ""}${script ? " (" + script + ")" : ""}`;
  };
  const chars = Array.from(s);
  if (chars.length <= 2) return chars.map(line);
  const out = [Array.from(s, shown).join("")];
  const unusual = [...new Set(chars.filter((ch) => !/^[\x20-\x7e]$/.test(ch)))];
  for (const ch of unusual.slice(0, 6)) out.push(line(ch));
  if (unusual.length > 6) out.push(`… ${unusual.length - 6} more`);
  return out;
}

function tipFor(change, names, id) {
  const tip = el("span", { class: "tip", role: "tooltip", id });
  tip.append(el("b", { text: change.class }), ` — ${CLASS_HELP[change.class] || ""}`);
  tip.append(el("br"), `was: `);
  describeChars(change.original, names).forEach((line, i) => {
    if (i) tip.append(el("br"));
    tip.append(el("code", { text: line }));
  });
  tip.append(el("br"), "now: ");
  if (change.replacement === "") tip.append("removed");
  else describeChars(change.replacement, names).forEach((line, i) => {
    if (i) tip.append(el("br"));
    tip.append(el("code", { text: line }));
  });
  if (change.scripts && change.scripts.length) tip.append(el("br"), `scripts: ${change.scripts.join(" → ")}`);
  tip.append(el("br"), `confidence: ${Math.round(change.confidence * 100)}%`);
  return tip;
}

// Renders `text` into `box` with marks over byte ranges (sorted, not overlapping).
function renderMarked(box, text, spans, makeMark) {
  const bytes = enc.encode(text);
  box.replaceChildren();
  let pos = 0;
  spans.forEach((sp, i) => {
    if (sp.start < pos || sp.end > bytes.length) return; // overlapping or out of range
    if (sp.start > pos) box.append(dec.decode(bytes.subarray(pos, sp.start)));
    box.append(makeMark(sp, dec.decode(bytes.subarray(sp.start, sp.end)), i));
    pos = sp.end;
  });
  if (pos < bytes.length) box.append(dec.decode(bytes.subarray(pos)));
}

function renderUnmask(rec, names) {
  const u = rec.unmask;
  const score = $("unmask-score");
  score.textContent = u.score.toFixed(2);
  score.className = "big " + level(u.score);
  const byClass = {};
  for (const c of u.changes) byClass[c.class] = (byClass[c.class] || 0) + 1;
  const parts = Object.entries(byClass).map(([k, n]) => `${n} ${k}`);
  $("unmask-summary").textContent = u.changes.length
    ? `${u.changes.length} change${u.changes.length > 1 ? "s" : ""}: ${parts.join(", ")}`
    : "no disguise found";

  const legend = $("legend");
  legend.replaceChildren();
  if (u.changes.length) {
    legend.append("Highlighted: ",
      el("span", { class: "homoglyph", text: "look-alike" }),
      el("span", { class: "styled", text: "styled" }),
      el("span", { class: "invisible", text: "invisible / bidi / deleted" }),
      el("span", { class: "other", text: "marks / accents / spaces" }),
      " — hover, tap or Tab to a highlight for details.");
  }

  const spans = u.changes.map((c) => ({ start: c.output.start, end: c.output.end, change: c }));
  renderMarked($("restored"), rec.text, spans, (sp, shown, i) => {
    const c = sp.change;
    const id = `tip-${i}`;
    const m = el("mark", {
      class: c.class + (shown === "" ? " removed" : ""),
      tabindex: "0",
      "aria-describedby": id,
      "data-class": c.class,
      "data-original": c.original,
    });
    m.append(shown === "" ? el("span", { "aria-label": "removed", text: "◌" }) : shown);
    m.append(tipFor(c, names, id));
    return m;
  });

  const tbody = $("changes").querySelector("tbody");
  tbody.replaceChildren();
  for (const c of u.changes) {
    tbody.append(el("tr", {},
      el("td", { text: String(c.input.start) }),
      el("td", { text: c.class }),
      el("td", {}, el("code", { text: describeChars(c.original, names).join("; ") })),
      el("td", {}, el("code", { text: c.replacement === "" ? "(removed)" : describeChars(c.replacement, names).join("; ") })),
      el("td", { text: (c.scripts || []).join(" → ") }),
      el("td", { text: c.confidence.toFixed(2) })));
  }
  $("change-count").textContent = String(u.changes.length);
}

function renderScan(input, rec) {
  const s = rec.scan;
  $("card-scan").hidden = false;
  const score = $("scan-score");
  score.textContent = s.score.toFixed(2);
  score.className = "big " + level(s.score);
  $("scan-verdict").textContent = s.verdict ? s.verdict.replace(/_/g, " ") : "";
  // disguise cues are already shown, letter by letter, in the restored text
  const all = s.cues || [];
  const disguised = all.filter((c) => c.family === "disguise").length;
  const cues = all.filter((c) => c.family !== "disguise").sort((a, b) => a.start - b.start || b.end - a.end);
  $("cues-wrap").hidden = cues.length === 0;
  renderMarked($("cued"), input, cues, (cue, shown, i) => {
    const id = `cue-tip-${i}`;
    const against = Number(cue.weight) < 0;
    const m = el("mark", {
      class: "cue" + (against ? " against" : ""),
      tabindex: "0",
      "aria-describedby": id,
      "data-family": cue.family,
    });
    m.append(shown);
    const tip = el("span", { class: "tip", role: "tooltip", id });
    tip.append(el("b", { text: FAMILY_HELP[cue.family] || cue.family }));
    if (cue.weight != null) tip.append(el("br"), against ? "evidence against fabrication" : "evidence of fabrication",
      ` (weight ${Number(cue.weight).toFixed(2)})`);
    m.append(tip);
    return m;
  });
  const list = $("cue-list");
  list.replaceChildren();
  const ranked = cues.slice().sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  for (const cue of ranked) {
    const w = Number(cue.weight) || 0;
    const weight = w === 0 ? "" : w < 0 ? ` (−${Math.abs(w).toFixed(2)}, against)` : ` (+${w.toFixed(2)})`;
    list.append(el("li", {}, el("b", { text: FAMILY_HELP[cue.family] || cue.family }), `${weight}: “`, cue.text, "”"));
  }
  if (disguised) list.append(el("li", {}, el("b", { text: FAMILY_HELP.disguise }), `: ${disguised} word${disguised > 1 ? "s" : ""} (highlighted above)`));
}

function renderCampaign(rec) {
  $("card-campaign").hidden = false;
  const c = rec.campaign;
  if (!c) {
    $("campaign-id").textContent = "none";
    $("campaign-info").textContent = "no known campaign matches this post";
    return;
  }
  $("campaign-id").textContent = `#${c.id}`;
  $("campaign-info").textContent = `${c.size} post${c.size === 1 ? "" : "s"} in the index; ${Math.round(c.similarity * 100)}% similar`;
}

async function check() {
  const text = $("post").value;
  const my = ++seq;
  if (text.trim() === "") {
    status("Paste a post first.", true);
    return;
  }
  status("Checking…");
  try {
    await ready;
    const [rec, scan, camp] = await Promise.all([
      post("/v1/unmask", { text }),
      features.scan ? post("/v1/scan", { text }).catch(() => null) : null,
      features.index ? post("/v1/campaigns/match", { text }).catch(() => null) : null,
    ]);
    const letters = rec.unmask.changes.map((c) => c.original + c.replacement).join("");
    const names = new Map();
    if (letters) {
      try {
        const r = await post("/v1/chars", { text: letters });
        for (const info of r.chars) names.set(info.char, info);
      } catch (_) { /* names are a nicety */ }
    }
    if (my !== seq) return; // a newer check started meanwhile
    renderUnmask(rec, names);
    if (scan && scan.scan) renderScan(text, scan);
    if (camp) renderCampaign(camp);
    $("results").hidden = false;
    const n = rec.unmask.changes.length;
    status(n ? `Found ${n} disguised spot${n > 1 ? "s" : ""}.` : "No disguise found.");
  } catch (e) {
    if (my !== seq) return;
    status(`Could not check: ${e.message}`, true);
  }
}

function loadFile(file) {
  if (!file) return;
  file.text().then((t) => {
    $("post").value = t;
    check();
  }, () => status("Could not read that file.", true));
}

document.addEventListener("DOMContentLoaded", () => {
  ready = fetch("/healthz").then((r) => r.json()).then((h) => {
    features = { scan: !!h.scan, index: !!h.index };
  }).catch(() => {});

  for (const box of [$("restored"), $("cued")]) {
    box.addEventListener("mouseover", (e) => { const m = e.target.closest("mark"); if (m) placeTip(m); });
    box.addEventListener("focusin", (e) => { const m = e.target.closest("mark"); if (m) placeTip(m); });
  }
  $("form").addEventListener("submit", (e) => { e.preventDefault(); check(); });
  $("clear").addEventListener("click", () => {
    $("post").value = "";
    $("results").hidden = true;
    status("");
    $("post").focus();
  });
  const ta = $("post");
  ta.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); check(); }
  });
  ta.addEventListener("paste", () => setTimeout(check, 0));
  ta.addEventListener("dragover", (e) => { e.preventDefault(); ta.classList.add("drop"); });
  ta.addEventListener("dragleave", () => ta.classList.remove("drop"));
  ta.addEventListener("drop", (e) => {
    ta.classList.remove("drop");
    const f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (f) { e.preventDefault(); loadFile(f); }
  });
  $("file").addEventListener("change", (e) => loadFile(e.target.files[0]));
  $("file").previousElementSibling.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); $("file").click(); }
  });
  $("file").previousElementSibling.setAttribute("tabindex", "0");
  $("file").previousElementSibling.setAttribute("role", "button");
});
