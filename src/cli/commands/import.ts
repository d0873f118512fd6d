// `glidepath import PATH...`: read exports an admin hands over (admin-center CSV downloads, Graph or
// PowerShell JSON, Log Analytics CSV, gzip) into the workspace as one transaction.

import { type Command, Option } from "commander";
import { USER_KINDS } from "../../app/vocabularies.js";
import {
  type CliRun,
  type FormatOpts,
  type WorkspaceOpts,
  withFormat,
  withWorkspace,
  workspaceDir,
} from "../common.js";
import { createProgress, emit } from "../output.js";

interface ImportOpts extends WorkspaceOpts, FormatOpts {
  kind: string;
  strict?: boolean;
}

export function registerImport(program: Command, run: CliRun): void {
  const cmd = program
    .command("import")
    .description("import exports (admin center CSV, Graph/PowerShell JSON, Log Analytics CSV, .gz) into the workspace")
    .argument("<path...>", "files or folders (read recursively)")
    .addOption(
      new Option("-k, --kind <kind>", "what the files hold; auto detects it from the content")
        .choices(["auto", ...USER_KINDS])
        .default("auto"),
    )
    .option("--strict", "stop at the first bad record or file and write nothing");
  withFormat(withWorkspace(cmd)).addHelpText(
    "after",
    `
Reads, the way the files really are: Graph JSON (one object, {"value": [...]} pages, arrays, NDJSON,
records under wrapper keys), PowerShell exports (PascalCase, /Date(ms)/), the admin center's sign-in,
authentication-details, user, group and registration CSV downloads, Log Analytics SigninLogs/AuditLogs
CSV; UTF-8 (BOM or not), UTF-16 LE/BE with BOM, CRLF or LF, gzip. Large sign-in files stream.

The batch is one transaction: interrupted, it leaves the workspace as it was. Bad records are skipped and
reported as file:line[:column]: reason (exit 4, partial); a file that cannot be read at all is rejected
and the rest still lands. Re-importing a file changes nothing (sign-ins are deduplicated by id).

Examples:
  glidepath import ~/Downloads/InteractiveSignIns_2026-10-01_2026-10-31.csv
  glidepath import exports/ --format json
  glidepath import policies.json --kind policies --strict`,
  );
  cmd.action(
    run.action(async (paths: string[], opts: ImportOpts) => {
      const { importExit, runImport } = await import("../../app/import.js");
      const { importRenderers } = await import("../../views/import.js");
      const report = await runImport({
        workspace: workspaceDir(opts),
        paths,
        kind: opts.kind as (typeof USER_KINDS)[number] | "auto",
        strict: opts.strict,
        // GLIDEPATH_PROGRESS=1 forces progress on a non-TTY stderr (scripts, the kill test).
        progress:
          process.env.GLIDEPATH_PROGRESS === "1" ? createProgress(run.io.stderr, true) : createProgress(run.io.stderr),
      });
      emit(run.io.stdout, report, opts.format, importRenderers, opts.out);
      return importExit(report);
    }),
  );
}
