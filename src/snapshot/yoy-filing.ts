/** A snapshot as the YoY bridge's input (src/core/levy/yoy.ts): the filed aggregates, every rule value, the payable. */
import type { YoyFiling } from "../core/levy/yoy";
import { PARAMETER_INFO } from "../core/rules/parameters";
import type { ParameterValues } from "../core/rules/types";
import type { Snapshot } from "./types";

export function filingOf(s: Snapshot): YoyFiling {
  const parameters: Record<string, unknown> = {};
  for (const p of s.rules.parameters) if (Object.prototype.hasOwnProperty.call(PARAMETER_INFO, p.name)) parameters[p.name] = p.value;
  const { overrideOrigins: _o, overrides: _v, ...c } = s.inputs.case;
  return { case: c, parameters: parameters as unknown as ParameterValues, payable: s.result.payable, filingYear: s.period.filingYear };
}
