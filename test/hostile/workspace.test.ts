// Attacks on the workspace itself (#12 items 2, 11, 12): two writers at once, file permissions, a
// read-only folder or file, and a file damaged mid-way. Each ends in a documented one-line error, and
// nothing is lost or written into a damaged file.

import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import BetterSqlite3 from "better-sqlite3";
import { importBatch } from "../../src/adapters/import/importer.js";
import { WORKSPACE_FILE, WorkspaceStore } from "../../src/adapters/store/index.js";
import { openExistingWorkspace } from "../../src/app/workspace.js";
import { runCli } from "../helpers/cli.js";

const root = mkdtempSync(join(tmpdir(), "gp-hostile-ws-"));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => join(root, `${name}-${n++}`);
const isRoot = process.getuid?.() === 0;

/** A Graph users page holding one user. */
function usersFile(name: string, id: string): string {
  const path = join(root, `${name}-${n++}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      value: [
        { id, userPrincipalName: `${name}@test.example`, displayName: name, accountEnabled: true, userType: "Member" },
      ],
    }),
  );
  return path;
}
const ALICE = "11111111-1111-4111-8111-111111111111";
const BOB = "22222222-2222-4222-8222-222222222222";

async function latestUsers(dir: string): Promise<string[]> {
  const store = WorkspaceStore.open(dir);
  try {
    return (await store.loadSnapshot(undefined, { signIns: "none", patterns: "none" })).users.map((u) => u.id).sort();
  } finally {
    await store.close();
  }
}

const mode = (path: string) => statSync(path).mode & 0o777;
/** One line of message plus one line of remedy, a documented code, and no "this is a bug". */
function assertOneLineError(r: { code: number; stderr: string }, code: string, exit: number): void {
  assert.equal(r.code, exit, r.stderr);
  assert.match(r.stderr, new RegExp(`\\[${code.replace(".", "\\.")}\\]\\n  fix: [^\\n]+\\n$`), r.stderr);
  assert.equal(r.stderr.split("\n").length, 3, r.stderr);
  assert.ok(!r.stderr.includes("this is a bug"), r.stderr);
}

describe("two writers at once (#12 item 2)", () => {
  it("a second import while the first holds the workspace refuses (exit 3) and loses nothing", async () => {
    const dir = fresh("concurrent");
    assert.equal(
      (await runCli(["import", usersFile("seed", "33333333-3333-4333-8333-333333333333"), "-w", dir])).code,
      0,
    );
    const a = usersFile("alice", ALICE);
    const b = usersFile("bob", BOB);
    const storeA = WorkspaceStore.open(dir, { create: true });
    let second: { code: number; stderr: string } | null = null;
    try {
      // Import A pauses inside its write transaction; import B runs meanwhile (in process: B's wait for the
      // lock blocks this thread, so A cannot commit under it — the interleaving is deterministic).
      await importBatch(storeA, [a], {
        now: new Date().toISOString(),
        onLocked: async () => {
          second = await runCli(["import", b, "-w", dir]);
        },
      });
    } finally {
      await storeA.close();
    }
    assert.ok(second);
    assertOneLineError(second, "workspace.busy", 3);
    assert.deepEqual(await latestUsers(dir), [ALICE, "33333333-3333-4333-8333-333333333333"]);
    // Run again once A is done: the latest snapshot holds both users.
    assert.equal((await runCli(["import", b, "-w", dir])).code, 0);
    assert.deepEqual(await latestUsers(dir), [ALICE, BOB, "33333333-3333-4333-8333-333333333333"]);
  });

  it("the importer holds the write lock before it reads the snapshot it builds on", async () => {
    const dir = fresh("base-in-tx");
    assert.equal((await runCli(["import", usersFile("alice", ALICE), "-w", dir])).code, 0);
    const store = WorkspaceStore.open(dir);
    const other = WorkspaceStore.open(dir);
    let locked = false;
    try {
      // Between the lock and the base read, another connection commits a snapshot holding Bob (as a
      // writer that finished just before would have): the batch must build on it, not on what it saw before.
      await importBatch(store, [usersFile("carol", "44444444-4444-4444-8444-444444444444")], {
        now: new Date().toISOString(),
        onLocked: () => {
          locked = true;
          // The lock is held: the other connection cannot write now (it would be lost otherwise).
          assert.throws(() => other.transaction(() => other.writeSnapshotRows(emptyish())), { code: "workspace.busy" });
        },
      });
    } finally {
      await store.close();
      await other.close();
    }
    assert.ok(locked, "the batch never reported holding the lock");
    assert.deepEqual(await latestUsers(dir), [ALICE, "44444444-4444-4444-8444-444444444444"]);
  });
});

/** A minimal snapshot (the write it carries is refused before it matters). */
function emptyish() {
  return {
    meta: {
      capturedAt: new Date().toISOString(),
      source: "import",
      tenantId: "t",
      tenantDisplayName: "t",
      present: [],
    },
    signIns: [],
    accessPatterns: [],
  } as unknown as Parameters<WorkspaceStore["writeSnapshotRows"]>[0];
}

describe("file permissions (#12 item 11)", () => {
  it("import creates the folder 0700 and the workspace file (and its -wal/-shm) 0600", async () => {
    const dir = join(fresh("modes"), "nested", "ws");
    assert.equal((await runCli(["import", usersFile("alice", ALICE), "-w", dir])).code, 0);
    assert.equal(mode(dir), 0o700);
    assert.equal(mode(join(dir, WORKSPACE_FILE)), 0o600);
    // SQLite gives the companions the database file's mode: check them while a connection has them open.
    const store = WorkspaceStore.open(dir);
    store.begin();
    try {
      await store.setConfig("x", 1).catch(() => {});
      for (const suffix of ["-wal", "-shm"]) assert.equal(mode(join(dir, `${WORKSPACE_FILE}${suffix}`)), 0o600, suffix);
    } finally {
      store.rollback();
      await store.close();
    }
  });

  it("demo creates the workspace 0600 in a 0700 folder; an existing folder keeps its mode", async () => {
    const dir = fresh("demo-modes");
    assert.equal((await runCli(["demo", "--users", "50", "-w", dir])).code, 0);
    assert.equal(mode(dir), 0o700);
    assert.equal(mode(join(dir, WORKSPACE_FILE)), 0o600);
    const existing = fresh("existing");
    mkdirSync(existing, { mode: 0o750 });
    chmodSync(existing, 0o750);
    assert.equal((await runCli(["import", usersFile("alice", ALICE), "-w", existing])).code, 0);
    assert.equal(mode(existing), 0o750, "a folder the user made is not chmod-ed behind their back");
    assert.equal(mode(join(existing, WORKSPACE_FILE)), 0o600);
  });
});

describe("read-only and damaged workspaces (#12 item 12)", () => {
  let base: string;
  before(async () => {
    base = fresh("base");
    assert.equal((await runCli(["demo", "--users", "50", "-w", base])).code, 0);
  });
  const copy = (name: string) => {
    const dir = fresh(name);
    mkdirSync(dir);
    writeFileSync(join(dir, WORKSPACE_FILE), readFileSync(join(base, WORKSPACE_FILE)));
    return dir;
  };
  const aUser = () => {
    const db = new BetterSqlite3(join(base, WORKSPACE_FILE), { readonly: true });
    const upn = db
      .prepare("select json_extract(data, '$.userPrincipalName') from objects where collection = 'users' limit 1")
      .pluck()
      .get() as string;
    db.close();
    return upn;
  };

  it("read commands open the workspace so it cannot be written", async () => {
    const dir = copy("query-only");
    const before = readFileSync(join(dir, WORKSPACE_FILE));
    for (const args of [["tenant"], ["assess"], ["export", "--to", join(root, `out-${n++}`)]]) {
      const r = await runCli([...args, "-w", dir]);
      assert.ok(r.code === 0 || r.code === 1, `${args[0]}: ${r.stderr}`);
      assert.ok(!r.stderr.includes("this is a bug"), r.stderr);
    }
    assert.ok(readFileSync(join(dir, WORKSPACE_FILE)).equals(before), "a read command changed the file");
    // The connection a read command gets refuses writes, as the documented one-line error.
    const ws = await openExistingWorkspace(dir);
    try {
      await assert.rejects(ws.store.setConfig("x", 1), { code: "workspace.read-only" });
    } finally {
      await ws.close();
    }
  });

  it("a read-only folder or file: read commands work, write commands fail in one line (workspace.read-only)", async (t) => {
    const dir = copy("read-only");
    const user = aUser();
    if (isRoot) {
      // root ignores permission bits: chmod cannot make the file read-only for this process. The error
      // mapping is checked instead on what SQLite raises for a read-only connection, and the chmod path is
      // left to a run as an ordinary user (it was checked with setpriv as nobody: tenant 0, assess 1,
      // classify and import 3 with workspace.read-only, for a 0500 folder and for a 0400 file).
      t.diagnostic("running as root: permission bits are ignored; checking the read-only error mapping directly");
      const { openWorkspaceDatabase } = await import("../../src/adapters/store/open.js");
      const { sqlite } = openWorkspaceDatabase(dir, { readonly: true });
      const raw = new BetterSqlite3(join(dir, WORKSPACE_FILE), { readonly: true });
      try {
        assert.throws(() => sqlite.exec("create table x (a)"), /readonly|query_only|attempt to write/i);
        const { workspaceError } = await import("../../src/adapters/store/open.js");
        let thrown: unknown;
        try {
          raw.exec("create table x (a)");
        } catch (e) {
          thrown = e;
        }
        assert.equal((thrown as { code?: string }).code, "SQLITE_READONLY");
        assert.equal((workspaceError(dir, thrown) as { code?: string }).code, "workspace.read-only");
        assert.equal(
          (workspaceError(dir, Object.assign(new Error("x"), { code: "EACCES" })) as { code?: string }).code,
          "workspace.read-only",
        );
      } finally {
        sqlite.close();
        raw.close();
      }
      return;
    }
    for (const lock of ["folder", "file"] as const) {
      const target = lock === "folder" ? dir : join(dir, WORKSPACE_FILE);
      chmodSync(target, lock === "folder" ? 0o500 : 0o400);
      try {
        assert.equal((await runCli(["tenant", "-w", dir])).code, 0, lock);
        assert.ok([0, 1].includes((await runCli(["assess", "-w", dir])).code), lock);
        assertOneLineError(await runCli(["classify", user, "emergency", "-w", dir]), "workspace.read-only", 3);
        assertOneLineError(await runCli(["import", usersFile("bob", BOB), "-w", dir]), "workspace.read-only", 3);
      } finally {
        chmodSync(target, lock === "folder" ? 0o700 : 0o600);
      }
    }
  });

  it("garbage in a middle page: every command gives workspace.damaged and the file is unchanged", async () => {
    const dir = copy("damaged");
    const file = join(dir, WORKSPACE_FILE);
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    const pages = bytes.length / pageSize;
    assert.ok(pages > 20, `a workspace of ${pages} pages`);
    // A few garbage bytes into the cell pointers of a b-tree leaf page in the middle of the file (garbage in
    // a row's content is data SQLite cannot tell from a value; this is the damage a bad sector does).
    let page = Math.floor(pages / 2);
    while (page < pages && bytes[page * pageSize] !== 0x0d) page++;
    assert.ok(page < pages, "a table leaf page in the second half of the file");
    const at = page * pageSize + 12;
    Buffer.from("deadbeefdeadbeefdeadbeefdeadbeef", "hex").copy(bytes, at);
    writeFileSync(file, bytes);
    const users = usersFile("bob", BOB);
    const policy = join(root, `policy-${n++}.json`);
    writeFileSync(
      policy,
      JSON.stringify({
        displayName: "MFA",
        state: "enabled",
        conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"] } },
        grantControls: { operator: "OR", builtInControls: ["mfa"] },
      }),
    );
    const commands = [
      ["tenant"],
      ["assess"],
      ["simulate", "--policy", policy],
      ["verify-access"],
      ["evaluate", "--user", aUser(), "--app", "Office 365"],
      ["export", "--to", join(root, `out-${n++}`)],
      ["import", users],
      ["classify", aUser(), "emergency"],
    ];
    for (const args of commands) {
      const r = await runCli([...args, "-w", dir]);
      assertOneLineError(r, "workspace.damaged", 2);
      assert.ok(readFileSync(file).equals(bytes), `${args[0]} changed the damaged file`);
    }
  });
});
