// `glidepath policy template NAME`: print a roll-out policy as Graph JSON (simulate it now, apply it later).

import { type Command, Option } from "commander";
import { filePath, parsedOption } from "../arg-parsers.js";
import { type CliRun, type WorkspaceOpts, withWorkspace, workspaceDir } from "../common.js";
import { emit } from "../output.js";

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(",").filter(Boolean)];

export function registerPolicy(program: Command, run: CliRun): void {
  const policy = program.command("policy").description("Conditional Access policies of the roll-out");
  const cmd = policy
    .command("template")
    .argument("[name]", "template name (see --list)")
    .description(
      "print a roll-out policy template as Graph JSON (report-only by default), to simulate now and apply later",
    )
    .option("--list", "list the templates")
    .option("--include-group <group>", "include this group (id or display name); repeatable", collect)
    .option("--exclude-group <group>", "exclude this group (id or display name); repeatable", collect)
    .option(
      "--exclude-emergency",
      "exclude the workspace's emergency-account group (for emergency-phishing-resistant: include it)",
    )
    .addOption(
      new Option("--state <state>", "policy state").choices([
        "enabledForReportingButNotEnforced",
        "enabled",
        "disabled",
      ]),
    )
    .addOption(parsedOption("-o, --out <file>", "write the JSON to a file instead of stdout", filePath("out")));
  withWorkspace(cmd).action(
    run.action(
      async (
        name: string | undefined,
        opts: WorkspaceOpts & {
          list?: boolean;
          includeGroup?: string[];
          excludeGroup?: string[];
          excludeEmergency?: boolean;
          state?: "enabled" | "disabled" | "enabledForReportingButNotEnforced";
          out?: string;
        },
      ) => {
        const { listTemplates, policyTemplate } = await import("../../app/policy-template.js");
        if (opts.list || !name) {
          const t = listTemplates();
          emit(
            run.io.stdout,
            t,
            "text",
            {
              text: (ts) =>
                ts.map((x) => `${x.name.padEnd(30)} ${x.displayName}\n${" ".repeat(31)}${x.summary}`).join("\n"),
            },
            opts.out,
          );
          return "ok";
        }
        const r = await policyTemplate({
          dir: workspaceDir(opts),
          name,
          includeGroups: opts.includeGroup ?? [],
          excludeGroups: opts.excludeGroup ?? [],
          excludeEmergency: opts.excludeEmergency === true,
          ...(opts.state ? { state: opts.state } : {}),
        });
        emit(run.io.stdout, r.policy, "json", { text: (p) => JSON.stringify(p, null, 2) }, opts.out);
        if (r.emergency)
          run.io.stderr.write(
            `glidepath: emergency-account group ${r.emergency.groupId} (${r.emergency.users.join(", ")}; ${r.emergency.source})\n`,
          );
        return "ok";
      },
    ),
  );
}
