// Use case behind `glidepath classify USER TYPE`: record the admin's decision about an account (an exception
// type, an emergency account, or `person` to clear a detection) in the workspace, and journal it.

import { CLASSIFICATION_TYPES, type ClassificationType } from "../core/checks/types.js";
import { buildDirectoryIndex, GlidepathError } from "../core/model/index.js";
import { CONFIG_KEY } from "./assess.js";
import { openExistingWorkspace } from "./workspace.js";

export interface ClassifyResult {
  readonly userId: string;
  readonly userPrincipalName: string;
  readonly type: ClassificationType;
  /** The decision it replaced, if any. */
  readonly previous: ClassificationType | null;
  /** Every decision now stored, by user id. */
  readonly all: Readonly<Record<string, ClassificationType>>;
}

export function isClassificationType(t: string): t is ClassificationType {
  return (CLASSIFICATION_TYPES as readonly string[]).includes(t);
}

export async function classifyUser(dir: string, user: string, type: string, note?: string): Promise<ClassifyResult> {
  if (!isClassificationType(type)) {
    throw new GlidepathError(
      "classify.type",
      `unknown type '${type}'`,
      `use one of: ${CLASSIFICATION_TYPES.join(", ")}`,
    );
  }
  const ws = await openExistingWorkspace(dir, { write: true });
  try {
    const snapshot = await ws.loadSnapshot({ signIns: "none" });
    const u = buildDirectoryIndex(snapshot).findUser(user);
    if (!u) {
      throw new GlidepathError(
        "classify.user",
        `no user '${user}' in the workspace's latest snapshot`,
        "give the user's object id or sign-in name (UPN) as 'glidepath assess' lists it",
      );
    }
    const all = {
      ...((await ws.store.getConfig<Record<string, ClassificationType>>(CONFIG_KEY.classifications)) ?? {}),
    };
    const previous = all[u.id] ?? null;
    all[u.id] = type;
    await ws.store.setConfig(CONFIG_KEY.classifications, all);
    await ws.store.appendJournal("classify", {
      userId: u.id,
      userPrincipalName: u.userPrincipalName,
      type,
      previous,
      ...(note ? { note } : {}),
    });
    return { userId: u.id, userPrincipalName: u.userPrincipalName, type, previous, all };
  } finally {
    await ws.close();
  }
}
