import { workspaceExists } from "../adapters/store/index.js";
import { isGuid } from "../core/engine/index.js";
import { type ConditionalAccessPolicy, GlidepathError, type TenantSnapshot } from "../core/model/index.js";
import {
  buildTemplate,
  isTemplateName,
  TEMPLATE_NAMES,
  TEMPLATES,
  type TemplateInfo,
} from "../core/rollout/templates.js";
import { type EmergencySummary, loadSnapshotForReplay, workspaceEmergency } from "./simulate.js";
import { openExistingWorkspace } from "./workspace.js";

export interface TemplateRequest {
  readonly dir: string;
  readonly name: string;
  readonly includeGroups?: readonly string[];
  readonly excludeGroups?: readonly string[];
  readonly excludeEmergency?: boolean;
  readonly state?: "enabled" | "disabled" | "enabledForReportingButNotEnforced";
}

export interface TemplateReport {
  readonly name: string;
  readonly policy: ConditionalAccessPolicy;
  readonly emergency?: EmergencySummary;
}

export function listTemplates(): readonly TemplateInfo[] {
  return TEMPLATES;
}

function resolveGroup(snapshot: TenantSnapshot | null, g: string, field: string): string {
  if (!snapshot) {
    if (isGuid(g)) return g;
    throw new GlidepathError(
      "policy.group-name-needs-workspace",
      `${field} '${g}' is a name, and no workspace is open to resolve it`,
      "pass the group's object id, or --workspace DIR of a workspace holding the tenant",
    );
  }
  const byId = snapshot.groups.find((x) => x.id.toLowerCase() === g.toLowerCase());
  if (byId) return byId.id;
  const byName = snapshot.groups.filter((x) => x.displayName.toLowerCase() === g.toLowerCase());
  if (byName.length === 1) return (byName[0] as { id: string }).id;
  throw new GlidepathError(
    "policy.unknown-group",
    byName.length > 1
      ? `${field} '${g}' names ${byName.length} groups`
      : `${field} '${g}': no such group in the workspace`,
    "pass the group's object id or its exact display name (see 'glidepath tenant')",
  );
}

export async function policyTemplate(req: TemplateRequest): Promise<TemplateReport> {
  if (!isTemplateName(req.name)) {
    throw new GlidepathError(
      "policy.unknown-template",
      `unknown template '${req.name}'`,
      `use one of: ${TEMPLATE_NAMES.join(", ")} (glidepath policy template --list)`,
    );
  }
  const groups = [...(req.includeGroups ?? []), ...(req.excludeGroups ?? [])];
  const needWs = req.excludeEmergency === true || groups.some((g) => !isGuid(g)) || workspaceExists(req.dir);
  let snapshot: TenantSnapshot | null = null;
  let emergency: EmergencySummary | undefined;
  if (needWs) {
    const ws = await openExistingWorkspace(req.dir);
    try {
      snapshot = await loadSnapshotForReplay(ws);
      if (req.excludeEmergency) emergency = await workspaceEmergency(ws, snapshot);
    } finally {
      await ws.close();
    }
  }
  const include = (req.includeGroups ?? []).map((g) => resolveGroup(snapshot, g, "--include-group"));
  const exclude = (req.excludeGroups ?? []).map((g) => resolveGroup(snapshot, g, "--exclude-group"));
  if (emergency) {
    if (!emergency.groupId) {
      throw new GlidepathError(
        "policy.no-emergency-group",
        emergency.userIds.length === 0
          ? "--exclude-emergency: the workspace declares no emergency accounts and none were detected"
          : `--exclude-emergency: no group holds the emergency accounts (${emergency.users.join(", ")})`,
        "declare them with 'glidepath classify USER emergency', put them in one security group, or pass --exclude-group GROUP",
      );
    }
    if (req.name === "emergency-phishing-resistant") include.push(emergency.groupId);
    else exclude.push(emergency.groupId);
  }
  const r = buildTemplate(req.name, {
    includeGroups: include,
    excludeGroups: exclude,
    ...(req.state ? { state: req.state } : {}),
  });
  if (!r.ok) throw new GlidepathError("policy.template-option", r.message, `see 'glidepath policy template --list'`);
  return { name: req.name, policy: r.policy, ...(emergency ? { emergency } : {}) };
}
