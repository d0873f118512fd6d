// Test helper: run one check over a built snapshot, as the assessment would.

import { createAssessmentContext } from "../../src/core/checks/context.js";
import type { AssessmentConfig, Check, Finding } from "../../src/core/checks/types.js";
import type { TenantSnapshot } from "../../src/core/model/index.js";
import { TEST_NOW } from "../builders/tenant.js";

export function runCheck(
  check: Check,
  snapshot: TenantSnapshot,
  config: AssessmentConfig = {},
  now = TEST_NOW,
): Finding {
  return check.evaluate(createAssessmentContext(snapshot, config, now));
}
