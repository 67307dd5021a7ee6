// End-to-end test of the plainsight serve web page, in Debian's headless
// Chromium driven by playwright-core.
//
//   PLAINSIGHT_BIN=target/debug/plainsight node --test page.test.mjs
//
// Starts `plainsight serve` on a free loopback port with a small campaign
// index built for the test, pastes a disguised post into the page, checks the
// highlights, their explanations, the scan score and the campaign, uses the
// page by keyboard alone and on a phone-sized screen, and saves screenshots to
// e2e/out/. Stops the server (SIGTERM) at the end.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");
const bin = process.env.PLAINSIGHT_BIN
  ? resolve(process.env.PLAINSIGHT_BIN)
  : [join(root, "target/debug/plainsight"), join(root, "target/release/plainsight")].find(existsSync);
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const out = join(here, "out");

// A made-up story in the genre, written for this test. Disguised: Cyrillic
// п, о, а and е, Greek υ, a zero-width space and mathematical bold.
const STORY =
  "At 83, the legendary singer finally breaks his silence about the SECRET song he wrote for his mother. " +
  "Insiders say he could no longer hide the truth. \"I never told anyone,\" he said, tears in his eyes.";
const DISGUISED =
  "At 83, the legendary singer fiпally breaks his silence abоut the 𝐒𝐄𝐂𝐑𝐄𝐓 song he wrote for his mоther. " +
  "Insiders say he could nо lоnger hide the trυ\u200Bth. \"I never told anyone,\" he said, tears in his eyes.";

let server;
let base;
let browser;
let work;

function startServer(args) {
  return new Promise((resolveStart, reject) => {
    const p = spawn(bin, ["serve", "--addr", "127.0.0.1:0", ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 20000);
    p.stderr.on("data", (d) => {
      err += d.toString();
      const m = err.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolveStart({ p, url: m[1] }); }
    });
    p.on("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}: ${err}`)); });
  });
}

before(async () => {
  assert.ok(bin, "build the plainsight binary first (cargo build -p plainsight-cli) or set PLAINSIGHT_BIN");
  mkdirSync(out, { recursive: true });
  work = mkdtempSync(join(tmpdir(), "plainsight-e2e-"));
  // a campaign index with three copies of the story and one unrelated post
  const posts = [
    STORY,
    STORY.replace("83", "84").replace("legendary", "beloved"),
    STORY.replace("mother", "late mother"),
    "The city council approved the new budget for the public library on Tuesday evening.",
  ];
  writeFileSync(join(work, "posts.jsonl"), posts.map((text, i) => JSON.stringify({ id: i, text })).join("\n") + "\n");
  execFileSync(bin, ["campaigns", "--index", join(work, "campaigns.idx"), "add", join(work, "posts.jsonl")], { stdio: ["ignore", "ignore", "inherit"] });
  const s = await startServer(["--index", join(work, "campaigns.idx")]);
  server = s.p;
  base = s.url;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server && server.exitCode === null) {
    const stopped = new Promise((r) => server.on("exit", r));
    server.kill("SIGTERM");
    await stopped;
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

// The restored text as a reader sees it, without the tooltips' text.
function restoredText(page) {
  return page.$eval("#restored", (el) => {
    const c = el.cloneNode(true);
    c.querySelectorAll(".tip").forEach((t) => t.remove());
    c.querySelectorAll("mark.removed").forEach((t) => t.remove());
    return c.textContent;
  });
}

test("pasting a disguised post shows the restored text, highlights, score and campaign", async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(base + "/");
  await page.waitForFunction(() => document.readyState === "complete");

  // paste, as a moderator would: clipboard, then Ctrl+V in the text box
  await page.evaluate((t) => navigator.clipboard.writeText(t), DISGUISED);
  await page.focus("#post");
  await page.keyboard.press("Control+V");
  assert.equal(await page.inputValue("#post"), DISGUISED, "the paste reached the text box");

  await page.waitForSelector("#results:not([hidden]) #restored mark");
  await page.waitForSelector("#card-scan:not([hidden])");
  await page.waitForSelector("#card-campaign:not([hidden])");

  // restored text
  assert.equal(await restoredText(page), STORY);

  // every change is highlighted, with its class
  const marks = await page.$$eval("#restored mark", (ms) => ms.map((m) => ({ cls: m.dataset.class, original: m.dataset.original })));
  const classes = new Set(marks.map((m) => m.cls));
  for (const c of ["homoglyph", "styled", "invisible"]) assert.ok(classes.has(c), `a ${c} highlight in ${JSON.stringify(marks)}`);
  assert.ok(marks.some((m) => m.original === "п"));
  assert.ok(marks.some((m) => m.original === "υ"));
  const api = await (await fetch(base + "/v1/unmask", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: DISGUISED }) })).json();
  assert.equal(marks.length, api.unmask.changes.length, "one highlight per change");
  assert.equal(await page.textContent("#change-count"), String(api.unmask.changes.length));

  // scores
  const unmaskScore = Number(await page.textContent("#unmask-score"));
  assert.ok(unmaskScore > 0.5, `disguise score ${unmaskScore}`);
  const scanScore = Number(await page.textContent("#scan-score"));
  const scan = await (await fetch(base + "/v1/scan", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: DISGUISED }) })).json();
  assert.equal(scanScore.toFixed(2), scan.scan.score.toFixed(2), "the page shows the API's scan score");
  assert.ok(scanScore >= 0 && scanScore <= 1);
  const cueMarks = await page.$$("#cued mark.cue");
  assert.ok(cueMarks.length > 0, "cues are highlighted in the post");

  // campaign
  assert.equal(await page.textContent("#campaign-id"), "#0");
  assert.match(await page.textContent("#campaign-info"), /3 posts/);

  // hover explains the change: original character, code point, Unicode name, script, class
  const pe = page.locator("#restored mark[data-original='п']").first();
  await pe.hover();
  const tip = pe.locator(".tip");
  assert.ok(await tip.isVisible(), "tooltip shows on hover");
  const tipText = await tip.textContent();
  for (const want of ["homoglyph", "U+043F", "CYRILLIC SMALL LETTER PE", "Cyrillic", "LATIN SMALL LETTER N"]) {
    assert.ok(tipText.includes(want), `tooltip has ${want}: ${tipText}`);
  }
  await page.screenshot({ path: join(out, "page.png"), fullPage: true });

  assert.deepEqual(errors, [], "no errors in the page");
  await context.close();
});

test("the page works by keyboard alone", async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  await page.goto(base + "/");
  // Tab from the top: skip link, then the text box
  let focused = "";
  for (let i = 0; i < 5 && focused !== "post"; i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement.id);
  }
  assert.equal(focused, "post", "Tab reaches the text box");
  await page.keyboard.insertText(DISGUISED);
  await page.keyboard.press("Control+Enter");
  await page.waitForSelector("#restored mark");
  // Tab on to the first highlight: its explanation shows on focus
  let onMark = false;
  for (let i = 0; i < 12 && !onMark; i++) {
    await page.keyboard.press("Tab");
    onMark = await page.evaluate(() => document.activeElement.matches("#restored mark"));
  }
  assert.ok(onMark, "Tab reaches the highlights");
  const visible = await page.evaluate(() => getComputedStyle(document.activeElement.querySelector(".tip")).display !== "none");
  assert.ok(visible, "a focused highlight shows its explanation");
  await page.screenshot({ path: join(out, "keyboard.png") });
  await context.close();
});

test("the page is readable on a phone", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(base + "/");
  await page.fill("#post", DISGUISED);
  await page.tap("#check");
  await page.waitForSelector("#restored mark");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (overflow ${overflow}px)`);
  const fontSize = await page.$eval("#restored", (e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(fontSize >= 16, `readable text (${fontSize}px)`);
  // tapping a highlight explains it
  await page.locator("#restored mark[data-original='п']").first().tap();
  const tipBox = await page.locator("#restored mark[data-original='п'] .tip").first().boundingBox();
  assert.ok(tipBox, "tapping a highlight shows its explanation");
  assert.ok(tipBox.x >= 0 && tipBox.x + tipBox.width <= 390, `the explanation stays on screen: ${JSON.stringify(tipBox)}`);
  await page.screenshot({ path: join(out, "phone.png"), fullPage: true });
  await context.close();
});

test("dropping a file, or opening one, checks it", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + "/");
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], "post.txt", { type: "text/plain" }));
    document.getElementById("post").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, DISGUISED);
  await page.waitForSelector("#restored mark");
  assert.equal(await page.inputValue("#post"), DISGUISED);
  assert.equal(await restoredText(page), STORY);

  await page.click("#clear");
  assert.equal(await page.inputValue("#post"), "");
  assert.ok(await page.isHidden("#results"));
  const file = join(work, "post.txt");
  writeFileSync(file, DISGUISED);
  await page.setInputFiles("#file", file);
  await page.waitForSelector("#results:not([hidden]) #restored mark");
  assert.equal(await restoredText(page), STORY);
  await context.close();
});

test("an error from the API is shown, not swallowed", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + "/");
  await page.fill("#post", "x".repeat(300 * 1024)); // over the 256 KiB text limit
  await page.click("#check");
  await page.waitForSelector("#status.error");
  assert.match(await page.textContent("#status"), /limit/);
  await context.close();
});

// Last: it stops the server.
test("SIGTERM finishes the request in flight, then the server exits 0", async () => {
  const texts = Array.from({ length: 80 }, (_, i) => `${i}: ${DISGUISED.repeat(20)}`); // ~450 kB
  let done = false;
  const pending = fetch(base + "/v1/scan", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ texts }),
  }).then((r) => { done = true; return r; });
  // wait until the server is working on it
  let seen = false;
  for (let i = 0; i < 400 && !seen && !done; i++) {
    const h = await (await fetch(base + "/healthz")).json();
    seen = h.in_flight >= 1;
    if (!seen) await new Promise((r) => setTimeout(r, 5));
  }
  assert.ok(seen, "the batch was in flight when SIGTERM was sent");
  const exited = new Promise((r) => server.on("exit", (code, signal) => r({ code, signal })));
  server.kill("SIGTERM");
  const res = await pending;
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.results.length, texts.length, "the whole batch was answered");
  assert.deepEqual(await exited, { code: 0, signal: null }, "clean exit after SIGTERM");
  // and it no longer listens
  await assert.rejects(fetch(base + "/healthz"));
});
