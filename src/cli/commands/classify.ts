// `glidepath classify USER TYPE`: confirm or override what the assessment detected about an account —
// an exception type, an emergency account, or `person` to clear a detection. Stored in the workspace
// and journalled.

import type { Command } from "commander";
import { CLASSIFICATION_TYPES } from "../../core/checks/types.js";
import { type CliRun, type WorkspaceOpts, withWorkspace, workspaceDir } from "../common.js";

interface ClassifyOpts extends WorkspaceOpts {
  note?: string;
}

export function registerClassify(program: Command, run: CliRun): void {
  const cmd = program
    .command("classify")
    .description("record what an account is: an exception type, an emergency account, or 'person' to clear a detection")
    .argument("<user>", "user object id or sign-in name (UPN)")
    .argument("<type>", CLASSIFICATION_TYPES.join(" | "))
    .option("--note <text>", "why (kept in the journal)")
    .addHelpText(
      "after",
      `\nTypes: ${CLASSIFICATION_TYPES.join(", ")}.\n'emergency' declares an emergency (break-glass) account; 'person' clears any detection.\nThe next 'glidepath assess' uses the decision.\n`,
    );
  withWorkspace(cmd).action(
    run.action(async (user: string, type: string, opts: ClassifyOpts) => {
      const { classifyUser } = await import("../../app/classify.js");
      const r = await classifyUser(workspaceDir(opts), user, type, opts.note);
      const was = r.previous && r.previous !== r.type ? ` (was ${r.previous})` : "";
      run.io.stdout.write(`${r.userPrincipalName} classified as ${r.type}${was}\n`);
      return "ok";
    }),
  );
}
