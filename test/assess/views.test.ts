// Renderers of the assessment: verdict first in every format, CSV quoting, the demo headline.

import assert from "node:assert/strict";
import { test } from "node:test";
import Papa from "papaparse";
import type { LegacyAuthEntry } from "../../src/core/checks/report.js";
import { buildAssessment } from "../../src/core/checks/report.js";
import { ROLE } from "../../src/core/model/well-known.js";
import { esc } from "../../src/views/assess/html.js";
import { assessHeadline, assessHtml, assessMarkdown, assessText, legacyCsv } from "../../src/views/assess/index.js";
import { TEST_NOW, tenant } from "../builders/tenant.js";

function sample() {
  const t = tenant()
    .user("ann", { displayName: "Ann <script>" })
    .role("ann", ROLE.globalAdministrator)
    .registered("ann", [])
    .licences({ p1: true })
    .securityDefaults(false);
  return buildAssessment(t.build(), {}, TEST_NOW);
}

test("text and markdown lead with the verdict; html escapes names", () => {
  const r = sample();
  assert.equal(r.verdict.ready, false);
  const text = assessText(r).split("\n");
  assert.equal(text[2], r.verdict.summary);
  assert.match(
    assessMarkdown(r),
    new RegExp(`^# Readiness assessment — Test Tenant\\n\\n\\*\\*${r.verdict.summary}\\*\\*`),
  );
  const html = assessHtml(r);
  assert.ok(!html.includes("<script>"), "no unescaped markup from tenant data");
  assert.ok(!/(src|href)="http(?!s:\/\/learn\.microsoft\.com)/.test(html), "no external assets");
  assert.equal(esc(`a<b>"'&`), "a&lt;b&gt;&quot;&#39;&amp;");
});

test("the demo headline: verdict then the top failing findings", () => {
  const lines = assessHeadline(sample(), 2).split("\n");
  assert.equal(lines[0], sample().verdict.summary);
  assert.equal(lines.length, 3);
  assert.match(lines[1] ?? "", /^ {2}BLOCKER/);
});

test("CSV: header, quoting, and no spreadsheet formulas", () => {
  const row: LegacyAuthEntry = {
    user: '=HYPERLINK("x")',
    userId: "u1",
    clientApp: "IMAP4",
    app: "Exchange, Online",
    device: null,
    os: null,
    ip: "198.51.100.9",
    interactive: false,
    count: 3,
    lastSeen: "2026-10-30T08:00:00Z",
    remedy: "upgradeMailClient",
    remedyText: "mail client",
  };
  const lines = legacyCsv([row]).split("\r\n");
  assert.equal(lines[0], "user,userId,clientApp,app,device,os,ip,interactive,count,lastSeen,remedy,remedyText");
  assert.equal(
    lines[1],
    `"'=HYPERLINK(""x"")",u1,IMAP4,"Exchange, Online",,,198.51.100.9,false,3,2026-10-30T08:00:00Z,upgradeMailClient,mail client`,
  );
  // A leading TAB or CR is a formula trigger too, and a CR inside a value never splits the row.
  const more = Papa.parse<string[]>(
    legacyCsv([{ ...row, user: "\t=1+1", device: "\rDROP", os: "iOS\r\n=EVIL()" }]).trimEnd(),
  ).data;
  assert.equal(more.length, 2, "one header and one row");
  assert.deepEqual(more[1]?.slice(0, 6), ["'\t=1+1", "u1", "IMAP4", "Exchange, Online", "'\rDROP", "iOS\r\n=EVIL()"]);
});
