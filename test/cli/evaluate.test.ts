// `glidepath evaluate` end to end in ad-hoc mode (policy files, no workspace): JSON shape, explanations,
// and bad input turning into exit 2 with a remedy.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { main } from "../../src/cli/main.js";

const dir = mkdtempSync(join(tmpdir(), "gp-evaluate-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const policies = join(dir, "policies.json");
writeFileSync(
  policies,
  JSON.stringify([
    {
      id: "mfa-all",
      displayName: "Require MFA for everyone",
      state: "enabled",
      conditions: {
        users: { includeUsers: ["All"], excludeGroups: ["aaaaaaaa-0000-0000-0000-00000000b1a5"] },
        applications: { includeApplications: ["All"] },
        clientAppTypes: ["all"],
      },
      grantControls: { operator: "OR", builtInControls: ["mfa"] },
    },
    {
      Id: "block-legacy",
      DisplayName: "Block legacy authentication",
      State: "enabled",
      Conditions: {
        Users: { IncludeUsers: ["All"] },
        Applications: { IncludeApplications: ["All"] },
        ClientAppTypes: ["exchangeActiveSync", "other"],
      },
      GrantControls: { Operator: "OR", BuiltInControls: ["block"] },
    },
    {
      id: "ro-compliant",
      displayName: "Compliant devices (report-only)",
      state: "enabledForReportingButNotEnforced",
      conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["Office365"] } },
      grantControls: { operator: "OR", builtInControls: ["compliantDevice"] },
    },
  ]),
);

interface Out {
  policies: { id: string; result: string; reason: string; state: string }[];
  decision: {
    controls: string[];
    block: boolean;
    reportOnlyApplied: string[];
    userOutcome: string;
    blockedReason: string | null;
  };
}

async function run(args: string[]): Promise<{ code: number; json: Out }> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}.json`);
  const code = await main([
    "node",
    "glidepath",
    "evaluate",
    "--policies",
    policies,
    ...args,
    "--format",
    "json",
    "--out",
    out,
  ]);
  let json = { policies: [], decision: {} } as unknown as Out;
  try {
    json = JSON.parse(readFileSync(out, "utf8")) as Out;
  } catch {
    // no output on errors
  }
  return { code, json };
}

describe("glidepath evaluate (ad-hoc mode)", () => {
  it("explains each policy and the combined decision", async () => {
    const { code, json } = await run([
      "--user",
      "adhoc-1",
      "--app",
      "exchangeOnline",
      "--methods",
      "microsoftAuthenticatorPush",
    ]);
    assert.equal(code, 0);
    const byId = Object.fromEntries(json.policies.map((p) => [p.id, p]));
    assert.equal(byId["mfa-all"]?.result, "applied");
    assert.equal(byId["block-legacy"]?.result, "notApplied");
    assert.match(byId["block-legacy"]?.reason ?? "", /clientAppTypes/);
    assert.equal(byId["ro-compliant"]?.state, "reportOnly");
    assert.deepEqual(json.decision.controls, ["mfa"]);
    assert.equal(json.decision.block, false);
    assert.deepEqual(json.decision.reportOnlyApplied, ["ro-compliant"]);
    assert.equal(json.decision.userOutcome, "prompted");
  });

  it("maps --client-app-used to a legacy protocol and blocks it (exit 1: findings)", async () => {
    const { code, json } = await run(["--client-app-used", "IMAP4"]);
    assert.equal(code, 1);
    assert.equal(json.decision.block, true);
    assert.equal(json.decision.blockedReason, "blockControl");
  });

  it("honours exclusions through --member-of", async () => {
    const { json } = await run(["--member-of", "aaaaaaaa-0000-0000-0000-00000000b1a5"]);
    assert.deepEqual(json.decision.controls, []);
    assert.equal(json.decision.userOutcome, "allowed");
  });

  it("reports a user with nothing registered as mustRegister", async () => {
    const { json } = await run(["--platform", "iOS", "--device", '{"isCompliant":false,"trustType":"Workplace"}']);
    assert.equal(json.decision.userOutcome, "mustRegister");
  });

  it("rejects an unparseable --device and an unknown --app with exit 2", async () => {
    assert.equal((await run(["--device", "{isCompliant:true"])).code, 2);
    assert.equal((await run(["--app", "not-an-app"])).code, 2);
    assert.equal((await run(["--client-app", "telnet"])).code, 2);
  });
});
