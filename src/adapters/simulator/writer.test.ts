// The files writeTenantFiles produces: byte-identical for the same seed, Graph page shapes, the portal's
// exact CSV header with BOM and CRLF, and the 100,000-row split (shown with a small limit).

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import Papa from "papaparse";
import { simulatorGenerate } from "../../app/simulator.js";
import { generateTenant, writeTenantFiles } from "./index.js";

const NOW = "2026-11-22T00:00:00Z";
/** docs/reference/sign-in-logs.md#portal-downloads, verbatim. */
const REFERENCE_HEADER =
  "Date (UTC),Request ID,User agent,Correlation ID,User ID,User,Username,User type,Cross tenant access type,Incoming token type,Authentication Protocol,Unique token identifier,Original transfer method,Client credential type,Token Protection - Sign In Session,Token Protection - Sign In Session StatusCode,Application,Application ID ,App owner tenant ID,Resource,Resource ID ,Resource tenant ID,Resource owner tenant ID,Home tenant ID,Home tenant name,IP address,Location,Status,Sign-in error code,Failure reason,Client app,Device ID,Browser,Operating System,Compliant,Managed,Join Type,Multifactor authentication result,Multifactor authentication auth method,Multifactor authentication auth detail,Authentication requirement,Sign-in identifier,Session ID,IP address (seen by resource),Through Global Secure Access,Global Secure Access IP address,Autonomous system  number,Flagged for review,Token issuer type,Incoming token type,Token issuer name,Latency,Conditional Access,Managed Identity type,Associated Resource Id,Federated Token Id,Federated Token Issuer";

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "gp-sim-"));
  dirs.push(d);
  return d;
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function digest(dir: string, files: readonly string[]): Map<string, string> {
  return new Map(
    files.map((f) => [
      f,
      createHash("sha256")
        .update(readFileSync(join(dir, f)))
        .digest("hex"),
    ]),
  );
}

function csvRows(text: string): string[][] {
  assert.ok(text.startsWith("\uFEFF"), "BOM");
  const r = Papa.parse<string[]>(text.slice(1), { newline: "\r\n", skipEmptyLines: true });
  assert.deepEqual(r.errors, []);
  return r.data;
}

describe("writeTenantFiles", async () => {
  const tenant = generateTenant({ users: 200, seed: "files", now: NOW });
  const dirA = tmp();
  const { files } = await writeTenantFiles(tenant, dirA);
  const signIns = [...tenant.signIns()];
  const interactive = signIns.filter((s) => s.signInEventType === "interactiveUser");
  const nonInteractive = signIns.filter((s) => s.signInEventType === "nonInteractiveUser");

  test("the folder holds exactly the listed files", () => {
    const walk = (d: string, pre = ""): string[] =>
      readdirSync(join(d, pre), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(d, `${pre}${e.name}/`) : [`${pre}${e.name}`],
      );
    assert.deepEqual(walk(dirA).sort(), files);
  });

  test("same seed and now give byte-identical files; another seed differs", async () => {
    const dirB = tmp();
    const again = await writeTenantFiles(generateTenant({ users: 200, seed: "files", now: NOW }), dirB);
    assert.deepEqual(again.files, files);
    assert.deepEqual(digest(dirB, again.files), digest(dirA, files));
    const dirC = tmp();
    const other = await writeTenantFiles(generateTenant({ users: 200, seed: "other", now: NOW }), dirC);
    const a = digest(dirA, files);
    const c = digest(dirC, other.files);
    for (const f of [
      "graph/v1.0/users/page-00001.json",
      "ground-truth.json",
      "graph/beta/auditLogs/signIns/interactive/page-00001.json",
    ]) {
      assert.notEqual(c.get(f), a.get(f), f);
    }
  });

  // The reference calls the header "56 columns"; its exact text has 57 names (the duplicate counted twice).
  test("portal sign-in CSVs: the reference header verbatim, BOM, CRLF, one row per sign-in, newest first", () => {
    const iFiles = files.filter((f) => f.startsWith("portal/InteractiveSignIns_"));
    const nFiles = files.filter((f) => f.startsWith("portal/NonInteractiveSignIns_"));
    assert.deepEqual(iFiles, ["portal/InteractiveSignIns_2026-10-23_2026-11-22.csv"]);
    assert.deepEqual(nFiles, ["portal/NonInteractiveSignIns_2026-10-23_2026-11-22.csv"]);
    const text = readFileSync(join(dirA, iFiles[0]!), "utf8");
    assert.equal(text.slice(0, text.indexOf("\r\n")), `\uFEFF${REFERENCE_HEADER}`);
    assert.ok(!/[^\r]\n/.test(text), "every line ends with CRLF");
    const rows = csvRows(text);
    assert.equal(rows[0]!.length, REFERENCE_HEADER.split(",").length);
    assert.equal(rows[0]!.filter((h) => h === "Incoming token type").length, 2);
    for (const r of rows) assert.equal(r.length, rows[0]!.length);
    const body = rows.slice(1);
    assert.equal(body.length, interactive.length);
    assert.deepEqual(new Set(body.map((r) => r[1])), new Set(interactive.map((s) => s.id)));
    for (let i = 1; i < body.length; i++) assert.ok(body[i - 1]![0]! >= body[i]![0]!, "newest first");
    const byId = new Map(interactive.map((s) => [s.id, s]));
    for (const r of body.slice(0, 50)) {
      const s = byId.get(r[1]!)!;
      assert.equal(r[0], s.createdDateTime);
      assert.equal(r[6], s.userPrincipalName);
      assert.equal(r[28], String(s.status.errorCode));
      assert.equal(r[30], s.clientAppUsed);
      assert.equal(
        r[27],
        s.status.errorCode === 0 ? "Success" : s.status.errorCode === 50074 ? "Interrupted" : "Failure",
      );
    }
    const n = csvRows(readFileSync(join(dirA, nFiles[0]!), "utf8"));
    assert.equal(n.length - 1, nonInteractive.length);
  });

  test("user registration details CSV: one row per registration row", () => {
    const f = files.find((x) => x.startsWith("portal/UserRegistrationDetails_"))!;
    const rows = csvRows(readFileSync(join(dirA, f), "utf8"));
    assert.equal(rows.length - 1, tenant.snapshot.registrations.length);
    assert.equal(rows[0]![0], "User principal name");
  });

  test("Graph pages: @odata.context, value, nextLink on all but the last page, Graph's page sizes", () => {
    const folders = new Map<string, string[]>();
    for (const f of files.filter((x) => /\/page-\d{5}\.json$/.test(x))) {
      const d = f.slice(0, f.lastIndexOf("/"));
      folders.set(d, [...(folders.get(d) ?? []), f]);
    }
    assert.ok(folders.size >= 15);
    for (const [d, pages] of folders) {
      pages.sort();
      pages.forEach((p, i) => {
        const j = JSON.parse(readFileSync(join(dirA, p), "utf8"));
        assert.equal(typeof j["@odata.context"], "string", p);
        assert.ok(Array.isArray(j.value), p);
        if (i < pages.length - 1)
          assert.match(j["@odata.nextLink"], /^https:\/\/graph\.microsoft\.com\/.*\$skiptoken=/, p);
        else assert.equal(j["@odata.nextLink"], undefined, p);
        const max = d.endsWith("/users") ? 500 : d.includes("signIns") || d.includes("directoryAudits") ? 1000 : 999;
        assert.ok(j.value.length <= max && (j.value.length === max || i === pages.length - 1), p);
      });
    }
    const count = (d: string) =>
      (folders.get(d) ?? []).reduce((n, p) => n + JSON.parse(readFileSync(join(dirA, p), "utf8")).value.length, 0);
    assert.equal(count("graph/v1.0/users"), 200);
    assert.ok((folders.get("graph/v1.0/users") ?? []).length === 1);
    assert.equal(count("graph/beta/auditLogs/signIns/interactive"), interactive.length);
    assert.equal(count("graph/beta/auditLogs/signIns/nonInteractive"), nonInteractive.length);
    const first = JSON.parse(
      readFileSync(join(dirA, "graph/beta/auditLogs/signIns/interactive/page-00001.json"), "utf8"),
    );
    assert.equal(first.value.length, 1000);
    const s0 = first.value[0];
    assert.deepEqual(s0.signInEventTypes, ["interactiveUser"]);
    assert.equal(s0.isInteractive, true);
    assert.equal(s0.authenticationDetails[0].authenticationStepDateTime, s0.createdDateTime);
    for (let i = 1; i < first.value.length; i++)
      assert.ok(first.value[i - 1].createdDateTime >= first.value[i].createdDateTime);
    const u = JSON.parse(readFileSync(join(dirA, "graph/v1.0/users/page-00001.json"), "utf8")).value[0];
    assert.ok("signInActivity" in u && "assignedLicenses" in u);
    const gt = JSON.parse(readFileSync(join(dirA, "ground-truth.json"), "utf8"));
    assert.deepEqual(gt, JSON.parse(JSON.stringify(tenant.groundTruth)));
  });

  test("per-user authentication methods: password plus the registered methods", () => {
    const m = tenant.snapshot.authenticationMethods[0]!;
    const j = JSON.parse(readFileSync(join(dirA, `graph/v1.0/users/${m.userId}/authentication/methods.json`), "utf8"));
    assert.equal(j.value[0]["@odata.type"], "#microsoft.graph.passwordAuthenticationMethod");
    const expected = tenant.snapshot.authenticationMethods.filter((x) => x.userId === m.userId).map((x) => x.id);
    assert.deepEqual(
      j.value.slice(1).map((x: { id: string }) => x.id),
      expected,
    );
  });

  test("beyond the row limit the CSV download splits at day boundaries, covering the window", async () => {
    const dir = tmp();
    const r = await writeTenantFiles(tenant, dir, { csvMaxRows: 700 });
    const parts = r.files.filter((f) => f.startsWith("portal/InteractiveSignIns_")).sort();
    assert.ok(parts.length >= 3, `${parts.length} parts`);
    const ids = new Set<string>();
    const ranges: [string, string][] = [];
    for (const p of parts) {
      const rows = csvRows(readFileSync(join(dir, p), "utf8")).slice(1);
      assert.ok(rows.length <= 700);
      for (const row of rows) ids.add(row[1]!);
      const m = /_(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})\.csv$/.exec(p)!;
      ranges.push([m[1]!, m[2]!]);
      for (const row of rows) assert.ok(row[0]! >= m[1]! && row[0]! < `${m[2]!}T`, `${row[0]} outside ${p}`);
    }
    assert.equal(ids.size, interactive.length);
    ranges.sort();
    assert.equal(ranges[0]![0], "2026-10-23");
    assert.equal(ranges.at(-1)![1], "2026-11-22");
    for (let i = 1; i < ranges.length; i++) assert.equal(ranges[i]![0], ranges[i - 1]![1]);
  });
});

describe("simulator generate use case", () => {
  test("refuses a non-empty folder without --force and writes nothing; --force replaces", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "keep.txt"), "mine");
    await assert.rejects(simulatorGenerate({ users: 60, seed: "x", now: NOW, out: dir }), {
      code: "simulator.out-not-empty",
    });
    assert.deepEqual(readdirSync(dir), ["keep.txt"]);
    const r = await simulatorGenerate({ users: 60, seed: "x", now: NOW, out: dir, force: true });
    assert.ok(r.files > 20);
    assert.ok(readdirSync(dir).includes("keep.txt"));
    assert.ok(readdirSync(dir).includes("ground-truth.json"));
  });

  test("--force removes only what an earlier run wrote, and never writes over or through what it did not", async () => {
    const dir = tmp();
    await simulatorGenerate({ users: 60, seed: "x", now: NOW, out: dir });
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { files: string[] };
    assert.ok(manifest.files.includes("ground-truth.json") && manifest.files.length > 20);
    // A file of the user's inside the simulator's own folders survives a regeneration.
    writeFileSync(join(dir, "graph", "notes.txt"), "mine");
    const r = await simulatorGenerate({ users: 50, seed: "y", now: NOW, out: dir, force: true });
    assert.equal(readFileSync(join(dir, "graph", "notes.txt"), "utf8"), "mine");
    assert.equal(r.users, 50);
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith(".glidepath-generate-")),
      [],
      "no staging folder left behind",
    );

    // A manifest that is not the simulator's is not ours to replace: refused, nothing touched.
    const other = tmp();
    writeFileSync(join(other, "manifest.json"), '{"mine":true}');
    await assert.rejects(simulatorGenerate({ users: 60, seed: "x", now: NOW, out: other, force: true }), {
      code: "simulator.out-conflict",
      exit: "refused",
    });
    assert.deepEqual(readdirSync(other), ["manifest.json"]);
    assert.equal(readFileSync(join(other, "manifest.json"), "utf8"), '{"mine":true}');

    // A planted link where a folder goes is refused; its target is untouched.
    const linked = tmp();
    const target = tmp();
    symlinkSync(target, join(linked, "portal"));
    await assert.rejects(simulatorGenerate({ users: 60, seed: "x", now: NOW, out: linked, force: true }), {
      code: "simulator.out-conflict",
    });
    assert.deepEqual(readdirSync(target), []);
  });

  test("refuses bad sizes and unwritable folders before writing", async () => {
    const dir = join(tmp(), "new");
    await assert.rejects(simulatorGenerate({ users: 20, seed: "x", now: NOW, out: dir }), { code: "simulator.users" });
    assert.equal(existsSync(dir), false, "nothing written");
    await assert.rejects(simulatorGenerate({ users: 60, seed: "x", now: NOW, out: "/proc/glidepath/x" }), {
      code: "simulator.out-unwritable",
    });
    const file = join(tmp(), "f.txt");
    writeFileSync(file, "");
    await assert.rejects(simulatorGenerate({ users: 60, seed: "x", now: NOW, out: file }), {
      code: "simulator.out-not-dir",
    });
  });
});
