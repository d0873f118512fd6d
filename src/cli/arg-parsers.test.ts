// The shared flag parsers, and the bad flags of issue #12 item 13: each is a usage error (exit 2) that names
// the option and a remedy, never "unexpected failure … this is a bug", never a silent default.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runCli } from "../../test/helpers/cli.js";
import { calendarDate, fraction, isoTime, wholeNumber } from "./arg-parsers.js";

describe("arg parsers", () => {
  test("wholeNumber takes digits in range only", () => {
    const days = wholeNumber("days", 1, 90, 30);
    assert.equal(days("45"), 45);
    assert.equal(days(" 7 "), 7);
    for (const bad of ["0", "-5", "abc", "", "1e9", "1e1", "4.5", "0x10", "91", "9".repeat(400), "NaN", "Infinity"]) {
      assert.throws(() => days(bad), /--days must be a whole number from 1 to 90/, bad);
    }
  });

  test("fraction takes 0 to 1", () => {
    const f = fraction("fault-rate", "0.05");
    assert.equal(f("0"), 0);
    assert.equal(f("0.25"), 0.25);
    assert.equal(f(".5"), 0.5);
    assert.equal(f("1"), 1);
    for (const bad of ["-0.1", "1.5", "2", "abc", "", "1e-3", "NaN"]) assert.throws(() => f(bad), /--fault-rate/, bad);
  });

  test("calendarDate and isoTime refuse days that are not on the calendar", () => {
    const d = calendarDate("campaign-start", "2026-12-01");
    assert.equal(d("2026-12-01"), "2026-12-01");
    assert.equal(d("2028-02-29"), "2028-02-29");
    for (const bad of [
      "2026-13-01",
      "2026-02-30",
      "2026-00-10",
      "2027-02-29",
      "26-12-01",
      "2026-12-01T00:00:00Z",
      "",
    ]) {
      assert.throws(() => d(bad), /--campaign-start must be a calendar date YYYY-MM-DD/, bad);
    }
    const t = isoTime("now", "2026-11-22T00:00:00Z");
    assert.equal(t("2026-11-01"), "2026-11-01T00:00:00Z");
    assert.equal(t("2026-11-01T10:30:00Z"), "2026-11-01T10:30:00Z");
    assert.equal(t("2026-11-01T10:30"), "2026-11-01T10:30:00Z");
    assert.equal(t("2026-11-01T10:30:00+01:00"), "2026-11-01T09:30:00Z");
    for (const bad of ["2026-13-01", "2026-02-30", "2026-11-01T25:00:00Z", "tomorrow", "1e9", "", "+275760-09-13"]) {
      assert.throws(() => t(bad), /--now must be an ISO date or date-time/, bad);
    }
  });
});

describe("bad flags are usage errors (#12 item 13)", () => {
  /** Each run fails in flag parsing, before any workspace is opened. */
  const cases: [args: string[], option: string][] = [
    [["assess", "--campaign-start", "2026-13-01"], "--campaign-start"],
    [["simulate", "--policy", "p.json", "--days", "1e9"], "--days"],
    [["simulate", "--policy", "p.json", "--days", "0"], "--days"],
    [["simulate", "--policy", "p.json", "--days", "-5"], "--days"],
    [["simulate", "--policy", "p.json", "--days", "abc"], "--days"],
    [["simulate", "--policy", "p.json", "--limit", "-1"], "--limit"],
    [["gaps", "--days", "0"], "--days"],
    [["export", "--to", ""], "--to"],
    [["tenant", "--out", "a\u0000b"], "--out"],
    [["verify-access", "--list", "x"], "--list"],
    [["sync", "--concurrency", "100"], "--concurrency"],
    [["sync", "--now", "2026-02-30"], "--now"],
    [["sync", "--only", ""], "--only"],
    [["simulator", "serve", "--port", "70000"], "--port"],
    [["simulator", "serve", "--fault-rate", "2"], "--fault-rate"],
    [["demo", "--now", "2026-13-01"], "--now"],
    [["evaluate", "--policies", "x.json", "--ip", "999.1.1.1"], "--ip"],
    [["evaluate", "--policies", "x.json", "--country", "UK"], "--country"],
    [["evaluate", "--policies", "x.json", "--auth-context", "c100"], "--auth-context"],
  ];
  for (const [args, option] of cases) {
    test(JSON.stringify(args.join(" ")), async () => {
      const r = await runCli([...args, "--workspace", "/nonexistent/glidepath-flags-test"]);
      assert.equal(r.code, 2, r.stderr);
      assert.doesNotMatch(r.stderr, /this is a bug|unexpected failure/);
      assert.match(r.stderr, new RegExp(`^glidepath: ${option}\\b.*\\n {2}fix: .*${option}`), r.stderr);
      assert.equal(r.stdout, "");
    });
  }

  test("--country UK suggests GB", async () => {
    const r = await runCli(["evaluate", "--policies", "x.json", "--country", "UK"]);
    assert.match(r.stderr, /did you mean GB\?/);
    assert.match(r.stderr, /fix: pass --country GB/);
  });
});
