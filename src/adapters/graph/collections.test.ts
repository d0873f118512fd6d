// The collection table is the single source of the permission list: README and `connect --permissions`
// must agree with it, and each collection asks for the least-privileged read permission only.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { COLLECTION_DEFS, readPermissions, slicesFor } from "./collections.js";

describe("collections", () => {
  it("the README's permission table lists exactly the read permissions of the collection table", () => {
    const readme = readFileSync("README.md", "utf8");
    const start = readme.indexOf("| Permission | Collections |");
    assert.ok(start > 0, "README has the permission table");
    const rows = readme.slice(start).split("\n\n")[0]?.split("\n").slice(2) ?? [];
    const documented = rows
      .map((r) => /^\| `([^`]+)`/.exec(r)?.[1])
      .filter(Boolean)
      .sort();
    assert.deepEqual(
      documented,
      readPermissions().map((p) => p.permission),
    );
  });

  it("asks for read permissions only", () => {
    for (const p of readPermissions()) assert.match(p.permission, /\.Read\./, p.permission);
  });

  it("uses each endpoint's largest $top and selects signInActivity only where the 500 limit applies", () => {
    const users = COLLECTION_DEFS.find((d) => d.name === "users");
    assert.equal(users?.top, 500);
    assert.ok(users?.select?.includes("signInActivity"));
    assert.equal(COLLECTION_DEFS.find((d) => d.name === "signIns")?.top, 1000);
  });

  it("slices sign-ins by UTC day and event type over the window", () => {
    const s = slicesFor("signIns", { from: "2026-02-27T00:00:00Z", to: "2026-03-01T00:00:00Z", deltaLinks: {} });
    assert.equal(s.length, 4);
    assert.equal(s[0]?.version, "beta");
    assert.match(
      s[0]?.query.$filter ?? "",
      /^createdDateTime ge 2026-02-27T00:00:00Z and createdDateTime lt 2026-02-28T00:00:00Z and signInEventTypes\/any\(t: t eq 'interactiveUser'\)$/,
    );
  });
});
