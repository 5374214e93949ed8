/**
 * The one list of validation rules. The task pane, the CLI and the docs read RULES (the catalogue); analyse.ts runs
 * RULE_MODULES. Adding a rule = adding a module (or a code to a module) and listing the module here.
 */
import type { RuleModule } from "./context";
import { coverageRules } from "./rules/coverage";
import { dataRules } from "./rules/data";
import { declarationRules } from "./rules/declaration";
import { disabledRules } from "./rules/disabled";
import { formulaRules } from "./rules/formulas";
import { headcountRules } from "./rules/headcount";
import { identifierRules } from "./rules/identifiers";
import { periodRules } from "./rules/period";
import { plausibilityRules } from "./rules/plausibility";
import { policyRules } from "./rules/policy";
import { wageRules } from "./rules/wages";
import type { RuleInfo } from "./types";
import { reconciliationRules } from "../reconciliation/rules";
import { sourceRules } from "../reconciliation/source-rules";

export const RULE_MODULES: readonly RuleModule[] = [
  headcountRules,
  wageRules,
  disabledRules,
  identifierRules,
  dataRules,
  periodRules,
  policyRules,
  plausibilityRules,
  declarationRules,
  formulaRules,
  coverageRules,
  reconciliationRules,
  sourceRules,
];

/** Every finding code with its default severity, title, description (including the severity policy) and source. */
export const RULES: RuleInfo[] = RULE_MODULES.flatMap((m) => m.rules);

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));

export function ruleInfo(code: string): RuleInfo | undefined {
  return BY_CODE.get(code);
}
