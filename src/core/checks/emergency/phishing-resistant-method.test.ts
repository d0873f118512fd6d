import assert from "node:assert/strict";
import { test } from "node:test";
import { DECLARED, wellKept } from "../../../../test/assess/emergency-fixture.js";
import { runCheck } from "../../../../test/assess/run-check.js";
import { phishingResistantMethod } from "./phishing-resistant-method.js";

test("pass: each account holds a FIDO2 key or passkey", () => {
  const f = runCheck(phishingResistantMethod, wellKept().build(), DECLARED);
  assert.equal(f.outcome, "pass");
  assert.ok(f.departsFromSeeds);
});

test("fail: no method, or only Authenticator and Windows Hello", () => {
  const t = wellKept();
  t.s.registrations.splice(0, t.s.registrations.length);
  t.registered("bg1", []).registered("bg2", ["microsoftAuthenticatorPush", "windowsHelloForBusiness"]);
  const f = runCheck(phishingResistantMethod, t.build(), DECLARED);
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.users, ["u-bg1", "u-bg2"]);
  assert.match(f.details.join("\n"), /bg1@testtenant.onmicrosoft.com: no MFA method/);
});

test("a FIDO2 method object counts when the registration report is missing; no data at all skips", () => {
  const t = wellKept().missing("registrations");
  t.method("bg1", "#microsoft.graph.fido2AuthenticationMethod").method(
    "bg2",
    "#microsoft.graph.fido2AuthenticationMethod",
  );
  assert.equal(runCheck(phishingResistantMethod, t.build(), DECLARED).outcome, "pass");
  const none = runCheck(
    phishingResistantMethod,
    wellKept().missing("registrations", "authenticationMethods").build(),
    DECLARED,
  );
  assert.equal(none.outcome, "skipped");
});
