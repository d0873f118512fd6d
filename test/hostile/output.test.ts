// Output that attacks its reader: a tenant whose names carry terminal control sequences, bidi overrides,
// line breaks, HTML and Markdown reaches the terminal and Markdown inert, and JSON exactly as it is.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { generateTenant } from "../../src/adapters/simulator/index.js";
import { WorkspaceStore } from "../../src/adapters/store/index.js";
import { loadSnapshotWithSignIns } from "../../src/app/demo.js";
import { runCli } from "../helpers/cli.js";

const NOW = "2026-11-02T00:00:00Z";
const dir = mkdtempSync(join(tmpdir(), "gp-hostile-out-"));
const ws = join(dir, "ws");
after(() => rmSync(dir, { recursive: true, force: true }));

const HOSTILE_NAME =
  "\u001b]0;owned\u0007\u001b[2JEve\r\n# READY: yes <img src=x onerror=alert(1)> [x](javascript:alert(1)) \u202egnp.exe";
const HOSTILE_POLICY = "MFA\nBLOCKER none: all clear\u001b[8m";
let upn = "";

/** Terminal-driving bytes: ESC, BEL, CSI (C1), bidi overrides, and a bare CR. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for exactly these characters.
const TERMINAL_ATTACK = /[\u001b\u0007\u009b\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;

before(async () => {
  const t = generateTenant({ users: 60, seed: "hostile-output", now: NOW });
  const admin = t.groundTruth.adminWithoutMfaUserIds[0] as string;
  upn = t.snapshot.users.find((u) => u.id === admin)?.userPrincipalName as string;
  const users = t.snapshot.users.map((u) => (u.id === admin ? { ...u, displayName: HOSTILE_NAME } : u));
  const policies = t.snapshot.policies.map((p, i) => (i === 0 ? { ...p, displayName: HOSTILE_POLICY } : p));
  const store = WorkspaceStore.open(ws, { create: true });
  loadSnapshotWithSignIns(store, { ...t.snapshot, users, policies }, t.signIns());
  await store.close();
});

describe("hostile tenant text", () => {
  for (const args of [["tenant"], ["assess"], ["evaluate", "--user", "UPN"], ["verify-access"], ["gaps"]]) {
    it(`${args[0]}: text and Markdown carry no control sequence, forged line, raw HTML or link`, async () => {
      const argv = args.map((a) => (a === "UPN" ? upn : a));
      for (const format of ["text", "markdown"]) {
        const r = await runCli([...argv, "--workspace", ws, "--format", format]);
        assert.ok(r.code <= 4, r.stderr);
        assert.doesNotMatch(r.stdout, TERMINAL_ATTACK, `${args[0]} ${format}`);
        assert.doesNotMatch(r.stdout, /^#? ?READY: yes/m, "no forged line");
        assert.doesNotMatch(r.stdout, /^BLOCKER none/m, "no forged line");
        if (format === "markdown") {
          assert.doesNotMatch(r.stdout, /<img/i, "no raw HTML");
          assert.doesNotMatch(r.stdout, /(?<!\\)\[x(?<!\\)\]\(javascript:/, "no live link");
        }
      }
    });
  }

  it("JSON keeps the exact text", async () => {
    const r = await runCli(["evaluate", "--user", upn, "--workspace", ws, "--format", "json"]);
    const doc = JSON.parse(r.stdout) as { policies: { displayName: string }[] };
    assert.ok(
      doc.policies.some((p) => p.displayName === HOSTILE_POLICY),
      "the policy name, exactly",
    );
  });

  it("an error message quoting hostile input shows its controls as escapes on stderr", async () => {
    const r = await runCli(["evaluate", "--user", "nobody\u001b[2J\u0007", "--workspace", ws]);
    assert.equal(r.code, 2);
    assert.doesNotMatch(r.stderr, TERMINAL_ATTACK);
    assert.match(r.stderr, /nobody\\e\[2J\\x07/);
  });
});
