// Builds the AssessmentContext a check reads: the snapshot, config and `now`, plus a directory index and
// shared facts computed lazily once per assessment.

import { buildDirectoryIndex } from "../model/directory-index.js";
import type { TenantSnapshot } from "../model/snapshot.js";
import { buildFacts } from "./shared/facts.js";
import type { AssessmentConfig, AssessmentContext } from "./types.js";

export function createAssessmentContext(
  snapshot: TenantSnapshot,
  config: AssessmentConfig,
  now: string,
): AssessmentContext {
  const index = buildDirectoryIndex(snapshot, now);
  return { snapshot, config, now, index, facts: buildFacts(snapshot, index, config, now) };
}
