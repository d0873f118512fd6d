// The HTML report renders in chromium (the system's, else the one bundled in a dev dependency): one
// self-contained file (no request leaves the page), the verdict visible at the top, a screenshot taken.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { chromium } from "playwright-core";
import { buildAssessment } from "../../src/core/checks/report.js";
import { assessHtml } from "../../src/views/assess/html.js";
import { findChromium } from "../helpers/chromium.js";
import { SIM_NOW, simulatedSnapshot } from "./simulated.js";

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const dir = mkdtempSync(join(tmpdir(), "glidepath-html-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("the HTML report renders in chromium with the verdict on top and no external request", async () => {
  const executablePath = await findChromium();
  const { snapshot } = simulatedSnapshot(200, "html-report");
  const report = buildAssessment(snapshot, {}, SIM_NOW);
  const file = join(dir, "assessment.html");
  writeFileSync(file, assessHtml(report));

  const browser = await chromium.launch({ executablePath, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const external: string[] = [];
    page.on("request", (req) => {
      if (!req.url().startsWith("file://")) external.push(req.url());
    });
    await page.goto(`file://${file}`);
    const verdict = page.locator("#verdict");
    assert.equal((await verdict.textContent())?.trim(), report.verdict.summary);
    assert.match(report.verdict.summary, /^ready for the registration campaign: no — \d+ blockers?/);
    assert.equal(await verdict.getAttribute("data-ready"), "false");
    // The verdict is the first thing on the page, above every finding.
    const vBox = await verdict.boundingBox();
    const fBox = await page.locator("section.finding").first().boundingBox();
    assert.ok(vBox && fBox && vBox.y < fBox.y);
    assert.equal(await page.locator("section.finding[data-outcome=fail]").count(), report.counts.fail);
    assert.ok(await page.locator('section[data-check="emergency.two-accounts"]').isVisible());
    const shot = join(dir, "assessment.png");
    await page.screenshot({ path: shot, fullPage: false });
    assert.ok(statSync(shot).size > 10_000, "a real screenshot");
    assert.deepEqual(external, [], "the report must not load anything from outside the file");
  } finally {
    await browser.close();
  }
});
