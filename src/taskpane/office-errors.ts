/**
 * Office.js errors in the user's language. Excel's error `message` is English (or the Office UI language) and meant
 * for developers; what the user sees is a bilingual sentence with the next step, and the raw text goes under
 * "details". The codes are those of Excel.ErrorCodes / OfficeExtension.ErrorCodes (they are not localised).
 * Pure: no Office import, so it is tested without a host.
 */
import type { Bilingual } from "../core/rules/types";

export interface OfficeErrorText {
  /** What happened and what to do, both languages. */
  message: Bilingual;
  /** The raw error (code, message, debug location) for the "details" disclosure; "" when there is nothing more. */
  details: string;
  /** The Office error code when there was one ("AccessDenied"), else null. */
  code: string | null;
}

const MESSAGES: Record<string, Bilingual> = {
  RequestPayloadSizeLimitExceeded: {
    zh: "一次写入或读取的数据超过了 Excel 的上限。请缩小范围（例如删除无关的行列，或按月份拆分工作表）后重试。",
    en: "Excel's limit on the data sent in one request was exceeded. Make the range smaller (remove unrelated rows or columns, or split the sheet by month) and try again.",
  },
  ResponsePayloadSizeLimitExceeded: {
    zh: "读取的数据超过了 Excel 的上限。请删除无关的行列或把工作表拆分后重试。",
    en: "The data read exceeds Excel's limit. Remove unrelated rows or columns, or split the sheet, and try again.",
  },
  RangeExceedsLimit: {
    zh: "区域太大，超过了 Excel 单次处理的单元格上限。请删除无关的行列后重试。",
    en: "The range is larger than Excel handles at once. Remove unrelated rows or columns and try again.",
  },
  OperationCellsExceedLimit: {
    zh: "涉及的单元格太多，超过了 Excel 单次处理的上限。请删除无关的行列后重试。",
    en: "The operation touches more cells than Excel allows at once. Remove unrelated rows or columns and try again.",
  },
  InvalidOperationInCellEditMode: {
    zh: "Excel 正处于单元格编辑状态。请按 Enter 或 Esc 结束编辑后重试。",
    en: "Excel is editing a cell. Press Enter or Esc to finish editing, then try again.",
  },
  AccessDenied: {
    zh: "工作表或工作簿受保护，或您没有修改权限。请在“审阅”选项卡撤销工作表保护（或请有权限的同事操作）后重试。",
    en: "The sheet or workbook is protected, or you may not change it. Unprotect the sheet (Review tab), or ask someone with permission, then try again.",
  },
  ItemNotFound: {
    zh: "找不到要使用的工作表或区域（可能已被重命名或删除）。请重新计算后再试。",
    en: "A sheet or range the add-in needs was not found (it may have been renamed or deleted). Run the calculation again, then retry.",
  },
  ItemAlreadyExists: {
    zh: "同名的工作表已存在。请重命名或删除它后重试。",
    en: "A sheet with that name exists already. Rename or delete it, then try again.",
  },
  InvalidReference: {
    zh: "单元格引用无效（可能工作表已被修改）。请重新计算后再试。",
    en: "A cell reference is not valid (the sheet may have changed). Run the calculation again, then retry.",
  },
  InvalidArgument: {
    zh: "Excel 拒绝了这次操作的参数。请重新计算后再试；如仍出错，请把“详细信息”发给支持人员。",
    en: "Excel rejected an argument of this operation. Run the calculation again; if it still fails, send the details below to support.",
  },
  MergedRangeConflict: {
    zh: "目标区域含有合并单元格。请取消合并后重试。",
    en: "The target range contains merged cells. Unmerge them and try again.",
  },
  ActivityLimitReached: {
    zh: "Excel 暂时忙不过来（操作过于频繁）。请稍等片刻后重试。",
    en: "Excel is busy (too many operations in a short time). Wait a moment and try again.",
  },
  RequestAborted: {
    zh: "操作被 Excel 中止。请重试。",
    en: "Excel aborted the operation. Try again.",
  },
  ApiNotFound: {
    zh: "此版本的 Excel 不支持本插件需要的功能。请更新 Office 或使用网页版 Excel。",
    en: "This version of Excel lacks a feature the add-in needs. Update Office or use Excel on the web.",
  },
  GeneralException: {
    zh: "Excel 内部出错。请保存工作簿后重试；如仍出错，请重新打开工作簿。",
    en: "Excel reported an internal error. Save the workbook and try again; if it persists, reopen the workbook.",
  },
};

const PROTECTED = /protect|受保护|保护/i;

function stringProp(o: unknown, key: string): string | null {
  if (o === null || typeof o !== "object") return null;
  const v = (o as Record<string, unknown>)[key];
  return typeof v === "string" && v.trim() !== "" ? v : null;
}

/** The raw text of an error for "details": code, message and Office's debug location, one per line. */
export function rawErrorText(error: unknown): string {
  if (error === null || error === undefined) return "";
  if (typeof error === "string") return error;
  const code = stringProp(error, "code");
  const message = stringProp(error, "message");
  const debug = (error as { debugInfo?: unknown }).debugInfo;
  const where = debug && typeof debug === "object" ? [stringProp(debug, "errorLocation"), stringProp(debug, "statement")].filter(Boolean).join(" · ") : "";
  const lines = [code && message ? `${code}: ${message}` : (message ?? code ?? String(error))];
  if (where) lines.push(where);
  return lines.join("\n");
}

/**
 * An Office.js error as a bilingual message with the next step. A bilingual error of our own ({zh, en}) is passed
 * through; an unknown error keeps its text under details and says so in both languages.
 */
export function officeErrorText(error: unknown): OfficeErrorText {
  const own = error as { zh?: unknown; en?: unknown } | null;
  if (own && typeof own === "object" && typeof own.zh === "string" && typeof own.en === "string") {
    return { message: { zh: own.zh, en: own.en }, details: "", code: null };
  }
  const code = stringProp(error, "code");
  const raw = rawErrorText(error);
  const message = stringProp(error, "message") ?? "";
  // A protected sheet is reported as AccessDenied, or on some hosts as a general or invalid-operation error whose
  // message names the protection.
  const key = code && MESSAGES[code] ? code : PROTECTED.test(message) ? "AccessDenied" : null;
  if (key) return { message: MESSAGES[key], details: raw, code };
  const message2: Bilingual = code
    ? { zh: `操作未完成，Excel 报告了错误（${code}）。请重试；如仍出错，请把“详细信息”发给支持人员。`, en: `The operation did not finish: Excel reported an error (${code}). Try again; if it persists, send the details to support.` }
    : { zh: "操作未完成，出现了意外错误。请重试；如仍出错，请把“详细信息”发给支持人员。", en: "The operation did not finish: an unexpected error occurred. Try again; if it persists, send the details to support." };
  return { message: message2, details: raw, code };
}

/** The codes with a message of their own (for tests and the help page). */
export const TRANSLATED_OFFICE_ERRORS: readonly string[] = Object.keys(MESSAGES);
