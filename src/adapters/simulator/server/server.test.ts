// The simulated Graph over real HTTP on 127.0.0.1: paging, $top limits, $select, $filter, auth,
// throttling, Graph-shaped errors, and the roll-out's writes (CA policies, groups, mail, TAP).

import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { after, before, describe, it } from "node:test";
import { tinyTenant } from "../../../../test/builders/tiny-tenant.js";
import { type SimulatorServer, startSimulatorServer } from "./serve.js";

let s: SimulatorServer;
let auth: Record<string, string>;
const G = "https://graph.microsoft.com";

async function call(method: string, path: string, body?: unknown, headers = auth) {
  const r = await fetch(s.url + path, {
    method,
    headers: { ...headers, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  return { status: r.status, headers: r.headers, json: text ? JSON.parse(text) : null };
}

const policy = (over: Record<string, unknown> = {}) => ({
  displayName: "Ring 1 MFA",
  state: "enabledForReportingButNotEnforced",
  conditions: {
    users: { includeGroups: ["00000000-0000-4000-8002-000000000001"] },
    applications: { includeApplications: ["All"] },
    clientAppTypes: ["all"],
  },
  grantControls: { operator: "OR", builtInControls: ["mfa"] },
  ...over,
});

describe("simulator server", () => {
  before(async () => {
    s = await startSimulatorServer(tinyTenant(5, 2));
    auth = { authorization: `Bearer ${s.token}` };
  });
  after(() => s.close());

  it("binds 127.0.0.1 only", () => {
    assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("pages with $top and opaque Graph-host nextLinks until the last page", async () => {
    const ids: string[] = [];
    let path: string | null = "/v1.0/users?$top=2&$select=id,displayName";
    let pages = 0;
    while (path) {
      const r = await call("GET", path);
      assert.equal(r.status, 200);
      for (const u of r.json.value) {
        assert.deepEqual(Object.keys(u).sort(), ["displayName", "id"]);
        ids.push(u.id);
      }
      const next: string | undefined = r.json["@odata.nextLink"];
      if (next) assert.ok(next.startsWith(`${G}/v1.0/users?`));
      path = next ? next.slice(G.length) : null;
      pages++;
    }
    assert.equal(pages, 3);
    assert.equal(new Set(ids).size, 5);
  });

  it("rejects a $top above the endpoint's maximum (500 with signInActivity)", async () => {
    const r = await call("GET", "/v1.0/users?$top=999&$select=id,signInActivity");
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, "Request_UnsupportedQuery");
    assert.ok(r.json.error.innerError["request-id"]);
    assert.equal((await call("GET", "/v1.0/users?$top=999&$select=id")).status, 200);
  });

  it("filters sign-ins by time range and event type; v1.0 serves interactive only", async () => {
    const f = (t: string) =>
      encodeURIComponent(
        `createdDateTime ge 2026-02-28T00:00:00Z and createdDateTime lt 2026-03-01T00:00:00Z and signInEventTypes/any(t: t eq '${t}')`,
      );
    const non = await call("GET", `/beta/auditLogs/signIns?$filter=${f("nonInteractiveUser")}`);
    assert.equal(non.json.value.length, 5);
    assert.ok(
      non.json.value.every((x: { signInEventTypes: string[] }) => x.signInEventTypes[0] === "nonInteractiveUser"),
    );
    const inter = await call("GET", `/beta/auditLogs/signIns?$filter=${f("interactiveUser")}`);
    assert.equal(inter.json.value.length, 10);
    const v1 = await call("GET", "/v1.0/auditLogs/signIns");
    assert.equal(v1.json.value.length, 20);
    assert.ok(v1.json.value.every((x: Record<string, unknown>) => !("signInEventTypes" in x)));
    const bad = await call("GET", `/beta/auditLogs/signIns?$filter=${encodeURIComponent("createdDateTime ge")}`);
    assert.equal(bad.status, 400);
  });

  it("answers 401 with Graph's error shape for a missing or expired token", async () => {
    const r = await call("GET", "/v1.0/users", undefined, {});
    assert.equal(r.status, 401);
    assert.equal(r.json.error.code, "InvalidAuthenticationToken");
    s.control.expireTokens();
    try {
      assert.equal((await call("GET", "/v1.0/users")).status, 401);
    } finally {
      s.control.expireTokens(false);
    }
  });

  it("answers 403 when the credential lacks the endpoint's permission", async () => {
    s.control.setDenied(["AuditLog.Read.All"]);
    try {
      const r = await call("GET", "/v1.0/users?$select=id,signInActivity");
      assert.equal(r.status, 403);
      assert.match(r.json.error.message, /AuditLog\.Read\.All/);
      assert.equal((await call("GET", "/v1.0/users?$select=id")).status, 200);
    } finally {
      s.control.setDenied([]);
    }
  });

  it("creates, validates, updates and deletes Conditional Access policies like Graph", async () => {
    const created = await call("POST", "/v1.0/identity/conditionalAccess/policies", policy());
    assert.equal(created.status, 201);
    const id = created.json.id;
    for (const bad of [
      policy({ state: "on" }),
      policy({ displayName: "" }),
      policy({ grantControls: { operator: "OR", builtInControls: ["block", "mfa"] } }),
      policy({
        conditions: { users: { includeUsers: ["not-a-guid"] }, applications: { includeApplications: ["All"] } },
      }),
      policy({ bogus: true }),
    ]) {
      const r = await call("POST", "/v1.0/identity/conditionalAccess/policies", bad);
      assert.equal(r.status, 400, JSON.stringify(bad));
      assert.equal(r.json.error.code, "BadRequest");
    }
    assert.equal(
      (await call("PATCH", `/v1.0/identity/conditionalAccess/policies/${id}`, { state: "enabled" })).status,
      204,
    );
    assert.equal((await call("GET", `/v1.0/identity/conditionalAccess/policies/${id}`)).json.state, "enabled");
    assert.equal((await call("PATCH", `/v1.0/identity/conditionalAccess/policies/${id}`, { state: "x" })).status, 400);
    assert.equal((await call("DELETE", `/v1.0/identity/conditionalAccess/policies/${id}`)).status, 204);
    assert.equal((await call("GET", `/v1.0/identity/conditionalAccess/policies/${id}`)).status, 404);
  });

  it("creates groups, changes members, and reports the changes through groups/delta", async () => {
    const first = await call("GET", "/v1.0/groups/delta?$select=displayName,members");
    const deltaLink: string = first.json["@odata.deltaLink"];
    assert.ok(deltaLink.startsWith(`${G}/v1.0/groups/delta?$deltatoken=`));
    const g = await call("POST", "/v1.0/groups", {
      displayName: "Glidepath ring 1",
      mailEnabled: false,
      mailNickname: "ring1",
      securityEnabled: true,
    });
    assert.equal(g.status, 201);
    const user = "00000000-0000-4000-8001-000000000001";
    const ref = { "@odata.id": `${G}/v1.0/directoryObjects/${user}` };
    assert.equal((await call("POST", `/v1.0/groups/${g.json.id}/members/$ref`, ref)).status, 204);
    assert.equal((await call("POST", `/v1.0/groups/${g.json.id}/members/$ref`, ref)).status, 400);
    assert.equal(
      (await call("DELETE", `/v1.0/groups/00000000-0000-4000-8002-000000000001/members/${user}/$ref`)).status,
      204,
    );
    const changes = await call("GET", deltaLink.slice(G.length));
    const byId = new Map(changes.json.value.map((x: { id: string }) => [x.id, x]));
    const added = byId.get(g.json.id) as { displayName: string; "members@delta": { id: string }[] };
    assert.equal(added.displayName, "Glidepath ring 1");
    assert.deepEqual(
      added["members@delta"].map((m) => m.id),
      [user],
    );
    const removed = byId.get("00000000-0000-4000-8002-000000000001") as { "members@delta": Record<string, unknown>[] };
    assert.ok("@removed" in (removed["members@delta"][0] as object));
  });

  it("keeps sent mail in an outbox and answers 202 without a body", async () => {
    const r = await fetch(`${s.url}/v1.0/users/user0@tiny.example/sendMail`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({
        message: {
          subject: "MFA is coming",
          body: { contentType: "Text", content: "hi" },
          toRecipients: [{ emailAddress: { address: "user1@tiny.example" } }],
        },
        saveToSentItems: false,
      }),
    });
    assert.equal(r.status, 202);
    assert.equal(r.headers.get("content-type"), null);
    assert.equal(s.outbox.at(-1)?.from, "user0@tiny.example");
  });

  it("creates a Temporary Access Pass, shown once and never stored in the method list", async () => {
    const uid = "00000000-0000-4000-8001-000000000002";
    const r = await call("POST", `/v1.0/users/${uid}/authentication/temporaryAccessPassMethods`, {
      lifetimeInMinutes: 60,
      isUsableOnce: true,
    });
    assert.equal(r.status, 201);
    assert.ok(r.json.temporaryAccessPass);
    const methods = await call("GET", `/v1.0/users/${uid}/authentication/methods`);
    assert.equal(methods.json.value.length, 1);
    assert.equal(methods.json.value[0].temporaryAccessPass, undefined);
    assert.equal(
      (await call("POST", `/v1.0/users/${uid}/authentication/temporaryAccessPassMethods`, { lifetimeInMinutes: 5 }))
        .status,
      400,
    );
  });
});

describe("simulator server throttling", () => {
  let t: SimulatorServer;
  before(async () => {
    t = await startSimulatorServer(tinyTenant(5, 1), {
      throttleRate: 0.9,
      retryAfterSeconds: 3,
      maxConsecutiveFaults: 100,
    });
  });
  after(() => t.close());

  it("answers 429 with Retry-After, except on Conditional Access resources (no Retry-After there)", async () => {
    const h = { authorization: `Bearer ${t.token}` };
    let withHeader = 0;
    let caWithout = 0;
    for (let i = 0; i < 20; i++) {
      const u = await fetch(`${t.url}/v1.0/users`, { headers: h });
      if (u.status === 429) {
        assert.equal(u.headers.get("retry-after"), "3");
        assert.equal(((await u.json()) as { error: { code: string } }).error.code, "TooManyRequests");
        withHeader++;
      } else await u.text();
      const p = await fetch(`${t.url}/v1.0/identity/conditionalAccess/policies`, { headers: h });
      if (p.status === 429) {
        assert.equal(p.headers.get("retry-after"), null);
        caWithout++;
      }
      await p.text();
    }
    assert.ok(withHeader > 0 && caWithout > 0);
  });
});

describe("simulator server exposure", () => {
  let t: SimulatorServer;
  before(async () => {
    t = await startSimulatorServer(tinyTenant(5, 1), { logLimit: 5, maxBodyBytes: 64 * 1024 });
  });
  after(() => t.close());

  /** A raw HTTP request, so the Host header and the body length are exactly what a hostile client sends. */
  function raw(opts: { method?: string; path?: string; host?: string; body?: Buffer; auth?: boolean }) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const headers: Record<string, string | number> = { host: opts.host ?? `127.0.0.1:${t.port}` };
      if (opts.auth !== false) headers.authorization = `Bearer ${t.token}`;
      if (opts.body) {
        headers["content-type"] = "application/json";
        headers["content-length"] = opts.body.length;
      }
      const req = httpRequest(
        { host: "127.0.0.1", port: t.port, method: opts.method ?? "GET", path: opts.path ?? "/v1.0/users", headers },
        (res) => {
          let body = "";
          res.on("data", (d) => (body += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      req.end(opts.body);
    });
  }

  it("refuses a Host that is not loopback (DNS rebinding) and accepts 127.0.0.1, localhost and [::1]", async () => {
    for (const host of ["attacker.example", "attacker.example:80", "127.0.0.1.nip.io", "localhost.evil"]) {
      const r = await raw({ host });
      assert.equal(r.status, 403, host);
      assert.equal(JSON.parse(r.body).error.code, "Authorization_RequestDenied");
    }
    for (const host of [`127.0.0.1:${t.port}`, `localhost:${t.port}`, `[::1]:${t.port}`, "LOCALHOST"]) {
      assert.equal((await raw({ host })).status, 200, host);
    }
  });

  it("logs authenticated requests only, keeps at most logLimit entries and cuts long URLs", async () => {
    t.log.length = 0;
    for (let i = 0; i < 20; i++) await raw({ auth: false, path: `/v1.0/users?x=${"a".repeat(10_000)}` });
    assert.equal(t.log.length, 0, "unauthenticated requests are not logged");
    for (let i = 0; i < 8; i++) await raw({ path: `/v1.0/users?$top=${i + 1}&pad=${"b".repeat(5000)}` });
    assert.equal(t.log.length, 5);
    assert.ok(t.log[0]?.url.includes("$top=4"), "the oldest entries were dropped first");
    assert.ok(t.log.every((e) => e.url.length <= 2048));
    const seqs = t.log.map((e) => e.seq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
    );
  });

  it("answers 413 to a body over the limit, before authentication, and still serves the next request", async () => {
    const big = Buffer.alloc(64 * 1024 + 1, 0x20);
    for (const auth of [true, false]) {
      const r = await raw({ method: "POST", path: "/v1.0/groups", body: big, auth });
      assert.equal(r.status, 413);
      assert.equal(JSON.parse(r.body).error.code, "RequestEntityTooLarge");
    }
    assert.equal((await raw({})).status, 200);
  });
});
