/**
 * The filing form as the accountant types it into the e-tax system: columns 4–12, computed beside what the workbook
 * declares (申报表 or parameter block), the difference, the findings that explain it, and the plain figures to copy.
 * Pure (no DOM): every figure comes from the calculation's decimal strings.
 */
import { dec, fixedPlaces } from "../core/decimal";
import type { LevyResultJson } from "../core/levy/serialize";
import type { Bilingual } from "../core/rules/types";
import type { Finding } from "../validation/types";
import type { CellRef } from "../workbook/types";
import { REDUCTION_LABELS, formatMoney, formatPeople, formatPercent, type PaneAudit } from "./view-model";

/** Form column → the trail step and the declared field of the same figure. */
export const FORM_COLUMNS: ReadonlyArray<{ column: number; field: string; kind: "money" | "people" | "ratio" }> = [
  { column: 4, field: "wageTotal", kind: "money" },
  { column: 5, field: "headcount", kind: "people" },
  { column: 6, field: "quotaRatio", kind: "ratio" },
  { column: 7, field: "certifiedDisabled", kind: "people" },
  { column: 8, field: "averageWage", kind: "money" },
  { column: 9, field: "grossDue", kind: "money" },
  { column: 10, field: "reduction", kind: "money" },
  { column: 11, field: "alreadyPaid", kind: "money" },
  { column: 12, field: "payable", kind: "money" },
];

/** The findings that speak about a column's declared figure (the first present is the one a click opens). */
const FINDINGS_OF_COLUMN: Record<number, readonly string[]> = {
  4: ["WG_DECLARED_MISMATCH"],
  5: ["HC_DECLARED_MISMATCH"],
  7: ["DS_DECLARED_MISMATCH"],
  8: ["WG_DECLARED_MISMATCH", "HC_DECLARED_MISMATCH"],
  9: ["DECL_PAYABLE_MISMATCH"],
  10: ["DECL_PAYABLE_MISMATCH"],
  11: ["DECL_PAYABLE_MISMATCH"],
  12: ["DECL_PAYABLE_MISMATCH"],
};

export interface FormRow {
  column: number;
  field: string;
  label: Bilingual;
  /** As displayed ("24,854,030.00", "1.5%"). */
  computed: string;
  /** What the copy button puts on the clipboard: the form's precision, no separators ("24854030.00", "0.015"). */
  copy: string;
  declared: string | null;
  /** computed − declared at the form's precision, displayed; null without a declared figure. */
  difference: string | null;
  differs: boolean;
  declaredCell: CellRef | null;
  /** Index in audit.findings of the finding that explains a difference, or null. */
  finding: number | null;
}

export interface FormHeader {
  periodFrom: string;
  periodTo: string;
  /** Where the period comes from: the declaration, or the data year. */
  periodDeclared: boolean;
  employerName: string | null;
  uscc: string | null;
  /** 减免性质: the reduction that applies, when there is one. */
  reliefNature: Bilingual | null;
}

function kindOf(column: number): "money" | "people" | "ratio" {
  return FORM_COLUMNS.find((c) => c.column === column)?.kind ?? "money";
}

/** The figure at the form's precision: money and people to two places (ROUND_HALF_UP), ratios as they are. */
function atFormPrecision(value: string, kind: "money" | "people" | "ratio"): string {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value.trim())) return value;
  return kind === "ratio" ? dec(value).toString() : fixedPlaces(dec(value), 2);
}

function display(value: string, kind: "money" | "people" | "ratio"): string {
  return kind === "money" ? formatMoney(value) : kind === "people" ? formatPeople(value) : formatPercent(value);
}

/** Columns 4–12: computed, declared and the difference. */
export function formRows(audit: PaneAudit): FormRow[] {
  const calc = audit.calculation;
  if (!calc) return [];
  const declared = audit.declared ?? {};
  return FORM_COLUMNS.flatMap(({ column, field, kind }) => {
    const step = calc.trail.find((s) => s.formColumn === column);
    if (!step) return [];
    const d = (declared as Record<string, { value: string; cell: CellRef } | undefined>)[field];
    const computedForm = atFormPrecision(step.value, kind);
    let difference: string | null = null;
    let differs = false;
    if (d) {
      const declaredForm = atFormPrecision(d.value, kind);
      try {
        const diff = dec(computedForm).minus(dec(declaredForm));
        differs = !diff.isZero();
        difference = kind === "ratio" ? diff.toString() : (diff.isNegative() ? "−" : diff.isZero() ? "" : "+") + display(diff.abs().toString(), kind);
      } catch {
        differs = computedForm !== declaredForm;
      }
    }
    const codes = FINDINGS_OF_COLUMN[column] ?? [];
    let finding: number | null = null;
    if (differs) {
      for (const code of codes) {
        const i = audit.findings.findIndex((f) => f.code === code);
        if (i >= 0) {
          finding = i;
          break;
        }
      }
    }
    return [
      {
        column,
        field,
        label: step.label,
        computed: display(step.value, kind),
        copy: computedForm,
        declared: d ? display(d.value, kind) : null,
        difference,
        differs,
        declaredCell: d?.cell ?? null,
        finding,
      },
    ];
  });
}

/** "copy all": the plain figures of columns 4–12 in form order, one per line (tab-separated column and figure). */
export function copyAllText(rows: readonly FormRow[]): string {
  return rows.map((r) => `${r.column}\t${r.copy}`).join("\n");
}

/** The form's header: 费款所属期起止, 单位名称, 统一社会信用代码, 减免性质. */
export function formHeader(audit: PaneAudit): FormHeader | null {
  const calc: LevyResultJson | null = audit.calculation;
  if (!calc) return null;
  const declared = audit.declared as Record<string, { value: string } | undefined> | undefined;
  const from = declared?.periodStart?.value;
  const to = declared?.periodEnd?.value;
  const p = audit.parameters;
  const relief = calc.reductionKind === "none" ? null : REDUCTION_LABELS[calc.reductionKind];
  return {
    periodFrom: from ?? `${calc.dataYear}-01-01`,
    periodTo: to ?? `${calc.dataYear}-12-31`,
    periodDeclared: from !== undefined && to !== undefined,
    employerName: p?.employerName ?? null,
    uscc: p?.uscc ?? null,
    reliefNature: relief,
  };
}

/** The columns whose declared figure differs (the form card marks them). */
export function differingColumns(rows: readonly FormRow[]): number[] {
  return rows.filter((r) => r.differs).map((r) => r.column);
}

export function findingOfRow(audit: PaneAudit, row: FormRow): Finding | null {
  return row.finding === null ? null : (audit.findings[row.finding] ?? null);
}

export { kindOf };

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
const OPENING = /^[（(《“‘「【[]$/;
const CLOSING = /^[）)》”’」】\]，。、；：！？,.;:!?]$/;

/**
 * A label split so that its end stays together on one line (the tail is shown white-space: nowrap): the last two
 * characters of Chinese text, the last two words of other text — so a narrow pane never leaves one character alone
 * on the label's last line. Closing punctuation stays with the character before it, opening punctuation with the
 * one after it.
 */
export function keepTogether(text: string): { head: string; tail: string } {
  const chars = [...text];
  if (CJK.test(chars[chars.length - 1] ?? "")) {
    // Back from the end until the tail holds two characters that are not punctuation.
    let cut = chars.length;
    for (let letters = 0; cut > 0 && letters < 2; ) {
      cut--;
      if (!CLOSING.test(chars[cut]) && !OPENING.test(chars[cut])) letters++;
    }
    while (cut > 0 && OPENING.test(chars[cut - 1])) cut--;
    return { head: chars.slice(0, cut).join(""), tail: chars.slice(cut).join("") };
  }
  const space = text.lastIndexOf(" ", text.lastIndexOf(" ") - 1);
  if (text.lastIndexOf(" ") <= 0 || space <= 0) return { head: "", tail: text };
  return { head: text.slice(0, space + 1), tail: text.slice(space + 1) };
}
