import assert from "node:assert/strict";
import { test } from "node:test";
import { tenant } from "../../../test/builders/tenant.js";
import { buildDirectoryIndex } from "./directory-index.js";
import { ROLE } from "./well-known.js";

test("transitive membership follows nesting in both directions", () => {
  const snap = tenant()
    .user("alice")
    .user("bob")
    .group("it", ["alice"])
    .group("staff", ["group:it", "bob"])
    .group("all", ["group:staff"])
    .build();
  const ix = buildDirectoryIndex(snap);
  assert.deepEqual([...ix.groupsOf("u-alice")].sort(), ["g-all", "g-it", "g-staff"]);
  assert.deepEqual([...ix.groupsOf("u-bob")].sort(), ["g-all", "g-staff"]);
  assert.deepEqual([...ix.usersInGroup("g-all")].sort(), ["u-alice", "u-bob"]);
  assert.deepEqual([...ix.usersInGroup("g-it")], ["u-alice"]);
  assert.equal(ix.groupsOf("u-nobody").size, 0);
});

test("membership cycles in imported files terminate", () => {
  const snap = tenant().user("a").group("x", ["a", "group:y"]).group("y", ["group:x"]).build();
  const ix = buildDirectoryIndex(snap);
  assert.deepEqual([...ix.groupsOf("u-a")].sort(), ["g-x", "g-y"]);
  assert.deepEqual([...ix.usersInGroup("g-y")], ["u-a"]);
});

test("roles: tenant-scoped active only; AU scope, eligible and expired assignments are not active", () => {
  const snap = tenant()
    .user("ga")
    .user("au")
    .user("pim")
    .user("old")
    .user("viaGroup")
    .group("role-group", ["viaGroup"], { isAssignableToRole: true })
    .role("ga", ROLE.globalAdministrator)
    .role("au", ROLE.userAdministrator, { directoryScopeId: "/administrativeUnits/1" })
    .role("pim", ROLE.securityAdministrator, { assignmentType: "eligible" })
    .role("old", ROLE.exchangeAdministrator, { endDateTime: "2026-01-01T00:00:00Z" })
    .build();
  const withGroupRole = {
    ...snap,
    roleAssignments: [
      ...snap.roleAssignments,
      {
        id: "ra-g",
        principalId: "g-role-group",
        roleDefinitionId: ROLE.helpdeskAdministrator,
        directoryScopeId: "/",
        assignmentType: "active" as const,
      },
    ],
  };
  const ix = buildDirectoryIndex(withGroupRole, "2026-11-01T00:00:00Z");
  assert.deepEqual([...ix.activeRolesOf("u-ga")], [ROLE.globalAdministrator]);
  assert.equal(ix.activeRolesOf("u-au").size, 0);
  assert.equal(ix.activeRolesOf("u-pim").size, 0);
  assert.deepEqual([...ix.eligibleRolesOf("u-pim")], [ROLE.securityAdministrator]);
  assert.equal(ix.activeRolesOf("u-old").size, 0);
  assert.deepEqual([...ix.activeRolesOf("u-viaGroup")], [ROLE.helpdeskAdministrator]);
});

test("findUser matches id and UPN case-insensitively", () => {
  const ix = buildDirectoryIndex(tenant().user("Carol").build());
  assert.equal(ix.findUser("u-Carol")?.displayName, "Carol");
  assert.equal(ix.findUser("CAROL@TEST.EXAMPLE")?.id, "u-Carol");
  assert.equal(ix.findUser("nobody"), undefined);
});
