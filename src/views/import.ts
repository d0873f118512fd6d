// Renderers for `glidepath import` and `glidepath export`: text and Markdown summaries; JSON is the
// typed report (files[] with path, kind, imported, skipped, errors[] {file, line, column, message}; totals by kind).

import type { ExportReport } from "../app/export.js";
import type { ImportReport } from "../app/import.js";
import { mdTable, num, textTable } from "./text.js";

function where(e: { file: string; line?: number; column?: number }): string {
  return e.line ? `${e.file}:${e.line}${e.column ? `:${e.column}` : ""}` : e.file;
}

function totalsRows(r: ImportReport): string[][] {
  return Object.entries(r.totals).map(([k, t]) => [k, num(t?.imported ?? 0), num(t?.skipped ?? 0)]);
}

function headline(r: ImportReport): string {
  const files = r.files.length;
  const rejected = r.files.filter((f) => f.status === "rejected").length;
  const partial = r.files.filter((f) => f.status === "partial").length;
  const ignored = r.files.filter((f) => f.status === "ignored").length;
  const verdict = r.outcome === "ok" ? "Imported" : r.outcome === "partial" ? "Imported in part" : "Nothing imported";
  const snap = r.snapshotId !== null ? ` (snapshot ${r.snapshotId})` : "";
  return `${verdict} into ${r.workspace}${snap}: ${num(files)} file${files === 1 ? "" : "s"}, ${num(files - rejected - partial - ignored)} complete, ${num(partial)} with skipped records, ${num(rejected)} rejected${ignored ? `, ${num(ignored)} ignored (not tenant data)` : ""}`;
}

const MAX_LISTED = 40;

function problems(r: ImportReport): string[] {
  const out: string[] = [];
  for (const f of r.files) {
    for (const e of f.errors) out.push(`${where(e)}: ${e.message}`);
    if (f.errorsOmitted > 0) out.push(`${f.path}: ... and ${num(f.errorsOmitted)} more`);
  }
  return out;
}

export function importText(r: ImportReport): string {
  const parts = [headline(r), ""];
  if (Object.keys(r.totals).length > 0) parts.push(textTable(["kind", "imported", "skipped"], totalsRows(r)), "");
  if (r.signIns.inserted + r.signIns.duplicates > 0) {
    parts.push(
      `Sign-ins: ${num(r.signIns.inserted)} new, ${num(r.signIns.duplicates)} already in the workspace; raw rows kept for failures, legacy protocols and since ${r.signIns.keepRawSince ?? "the start"}.`,
      "",
    );
  }
  const p = problems(r);
  if (p.length > 0) {
    parts.push("Skipped or rejected:", ...p.slice(0, MAX_LISTED).map((l) => `  ${l}`));
    if (p.length > MAX_LISTED) parts.push(`  ... ${num(p.length - MAX_LISTED)} more (see --format json)`);
    parts.push("");
  }
  const u = r.references.unresolved;
  if (r.references.resolved > 0 || u.length > 0) {
    parts.push(
      `References by name: ${num(r.references.resolved)} resolved, ${num(u.length)} unresolved (the assessment reports them).`,
    );
    for (const x of u.slice(0, 10)) parts.push(`  "${x.policy}" ${x.path}: "${x.value}" (${x.reason})`);
    if (u.length > 10) parts.push(`  ... ${num(u.length - 10)} more`);
  }
  return `${parts.join("\n").trimEnd()}\n`;
}

export function importMarkdown(r: ImportReport): string {
  const p = problems(r);
  return [
    `# Import\n\n${headline(r)}.\n`,
    mdTable(["kind", "imported", "skipped"], totalsRows(r)),
    "",
    mdTable(
      ["file", "kind", "imported", "skipped", "status"],
      r.files.map((f) => [f.path, f.kind ?? "-", num(f.imported), num(f.skipped), f.status]),
    ),
    p.length ? `\n## Skipped or rejected\n\n${p.map((l) => `- \`${l}\``).join("\n")}` : "",
  ].join("\n");
}

export function importJson(r: ImportReport): unknown {
  return {
    workspace: r.workspace,
    outcome: r.outcome,
    snapshotId: r.snapshotId,
    files: r.files.map((f) => ({
      path: f.path,
      kind: f.kind,
      kinds: f.kinds,
      status: f.status,
      note: f.note ?? null,
      broken: f.broken,
      format: f.format ?? null,
      encoding: f.encoding ?? null,
      gzip: f.gzip ?? false,
      imported: f.imported,
      skipped: f.skipped,
      duplicates: f.duplicates,
      errors: f.errors.map((e) => ({
        file: e.file,
        line: e.line ?? null,
        column: e.column ?? null,
        code: e.code,
        message: e.message,
      })),
      errorsOmitted: f.errorsOmitted,
    })),
    totals: r.totals,
    signIns: r.signIns,
    references: r.references,
    present: r.present,
  };
}

export const importRenderers = { text: importText, markdown: importMarkdown, json: importJson };

export function exportText(r: ExportReport): string {
  return `${[
    `Exported snapshot ${r.snapshotId} of ${r.workspace} as ${r.as} to ${r.dir}:`,
    textTable(
      ["file", "records"],
      r.files.map((f) => [f.file, num(f.records)]),
    ),
  ].join("\n")}\n`;
}

export const exportRenderers = {
  text: exportText,
  markdown: (r: ExportReport) =>
    `# Export\n\n${mdTable(
      ["file", "records"],
      r.files.map((f) => [f.file, num(f.records)]),
    )}\n`,
  json: (r: ExportReport) => r,
};
