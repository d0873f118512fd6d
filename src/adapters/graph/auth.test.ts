// The credential rules: the simulator credential only exists with a loopback address, no real-tenant
// path accepts it, secrets come only from the environment or a file, and tokens stay in memory.
// No test here calls a real getToken (offline it takes seconds to fail): fakes stand in for @azure/identity.

import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { GlidepathError } from "../../core/model/errors.js";
import {
  IdentityTokenSource,
  readClientSecret,
  SIMULATOR_TEST_TOKEN,
  SimulatorCredential,
  tokenSourceFor,
} from "./auth.js";
import { GraphClient } from "./client.js";

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof GlidepathError, String(e));
    return e.code;
  }
  assert.fail("expected a GlidepathError");
};

describe("simulator credential", () => {
  it("is only constructible with a loopback address", () => {
    assert.ok(SimulatorCredential.forLoopback("http://127.0.0.1:8931"));
    assert.ok(SimulatorCredential.forLoopback("http://localhost:1"));
    for (const u of [
      "https://graph.microsoft.com",
      "http://10.0.0.5:8931",
      "http://127.0.0.1.evil.example",
      "nonsense",
    ]) {
      assert.equal(
        code(() => SimulatorCredential.forLoopback(u)),
        "connect.simulator-not-loopback",
        u,
      );
    }
  });

  it("cannot be used for the real Graph host, and a real token source cannot target the simulator", () => {
    const sim = SimulatorCredential.forLoopback("http://127.0.0.1:8931");
    assert.equal(
      code(() => new GraphClient({ tokenSource: sim })),
      "connect.mismatch",
    );
    const real = new IdentityTokenSource({
      getToken: async () => ({ token: "t", expiresOnTimestamp: Date.now() + 3_600_000 }),
    });
    assert.equal(
      code(() => new GraphClient({ tokenSource: real, simulatorBaseUrl: "http://127.0.0.1:8931" })),
      "connect.mismatch",
    );
  });

  it("is refused by the real-tenant token source", async () => {
    const leaked = new IdentityTokenSource({
      getToken: async () => ({ token: SIMULATOR_TEST_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
    });
    await assert.rejects(leaked.getAccessToken(), (e: GlidepathError) => e.code === "auth.simulator-token");
  });

  it("is refused by the Graph client's auth middleware on a real connection", async () => {
    const requests: string[] = [];
    const sneaky = { kind: "graph" as const, getAccessToken: async () => SIMULATOR_TEST_TOKEN };
    const client = new GraphClient({
      tokenSource: sneaky,
      fetch: (async (u: string) => {
        requests.push(u);
        return new Response("{}");
      }) as unknown as typeof fetch,
    });
    await assert.rejects(client.get("/organization"), (e: unknown) =>
      String((e as Error).message).includes("simulator test credential"),
    );
    assert.deepEqual(requests, []);
  });
});

describe("real-tenant token source", () => {
  it("caches the token in memory until five minutes before expiry", async () => {
    let calls = 0;
    let now = 0;
    const src = new IdentityTokenSource(
      { getToken: async () => ({ token: `t${++calls}`, expiresOnTimestamp: now + 3_600_000 }) },
      undefined,
      () => now,
    );
    assert.equal(await src.getAccessToken(), "t1");
    now += 3_000_000;
    assert.equal(await src.getAccessToken(), "t1");
    now += 400_000;
    assert.equal(await src.getAccessToken(), "t2");
  });

  it("turns a sign-in failure into a one-line error without token material", async () => {
    const src = new IdentityTokenSource({
      getToken: async () => {
        throw new Error("AADSTS7000215: Invalid client secret provided. eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl\nTrace ID: x");
      },
    });
    await assert.rejects(src.getAccessToken(), (e: GlidepathError) => {
      assert.equal(e.code, "auth.failed");
      assert.ok(!e.message.includes("\n"));
      assert.ok(!e.message.includes("eyJhbGciOi"));
      return true;
    });
  });

  it("links outside graph.microsoft.com are never followed with a token", async () => {
    const requests: string[] = [];
    const client = new GraphClient({
      tokenSource: { kind: "graph", getAccessToken: async () => "real-token" },
      fetch: (async (u: string) => {
        requests.push(u);
        return new Response("{}");
      }) as unknown as typeof fetch,
    });
    await assert.rejects(client.get("https://evil.example/v1.0/users"));
    assert.deepEqual(requests, []);
  });
});

describe("client secret", () => {
  it("comes from the environment or a file, and is required", () => {
    assert.equal(readClientSecret(undefined, { GLIDEPATH_CLIENT_SECRET: "s3" }), "s3");
    const dir = mkdtempSync(join(tmpdir(), "gp-secret-"));
    const f = join(dir, "secret.txt");
    writeFileSync(f, "from-file\n");
    assert.equal(readClientSecret(f, {}), "from-file");
    assert.equal(
      code(() => readClientSecret(undefined, {})),
      "auth.secret-missing",
    );
    assert.equal(
      code(() => readClientSecret(join(dir, "missing"), {})),
      "auth.secret-file",
    );
  });

  it("the simulator token source ignores everything but the loopback record", async () => {
    const src = await tokenSourceFor(
      { kind: "simulator", baseUrl: "http://127.0.0.1:9", connectedAt: "" },
      { env: {} },
    );
    assert.equal(src.kind, "simulator");
    assert.equal(await src.getAccessToken(), SIMULATOR_TEST_TOKEN);
  });
});
