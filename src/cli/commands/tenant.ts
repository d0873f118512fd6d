// `glidepath tenant`: what the workspace holds — people, policies, sign-ins, the registration rate.

import type { Command } from "commander";
import {
  type CliRun,
  type FormatOpts,
  type WorkspaceOpts,
  withFormat,
  withWorkspace,
  workspaceDir,
} from "../common.js";
import { emit } from "../output.js";

export function registerTenant(program: Command, run: CliRun): void {
  const cmd = program
    .command("tenant")
    .description("summarise the tenant snapshot in the workspace (users, policies, sign-ins, registration rate)");
  withFormat(withWorkspace(cmd)).action(
    run.action(async (opts: WorkspaceOpts & FormatOpts) => {
      const { tenantReport } = await import("../../app/tenant.js");
      const { tenantRenderers } = await import("../../views/tenant.js");
      const report = await tenantReport(workspaceDir(opts));
      emit(run.io.stdout, report, opts.format, tenantRenderers, opts.out);
      return "ok";
    }),
  );
}
