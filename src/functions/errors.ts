/**
 * Turning core errors into Excel errors. Bad input → #VALUE! (or #NUM! for a number out of range, #N/A for something
 * that does not exist) with a bilingual message; anything unexpected → #VALUE! with a generic message, never a throw
 * that Excel would show as an unexplained error.
 */
import { LevyInputError } from "../core/levy/types";

/** The shape of CustomFunctions.Error, so tests can run without the Office runtime. */
export interface ExcelErrorLike {
  code: string;
  message?: string;
}

type ErrorFactory = (code: "invalidValue" | "invalidNumber" | "notAvailable", message: string) => Error;

/** Uses the real CustomFunctions.Error in Excel; a plain equivalent elsewhere (tests, the browser harness). */
function defaultFactory(): ErrorFactory {
  const cf = (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  if (cf && typeof cf.Error === "function") {
    return (code, message) => new cf.Error(cf.ErrorCode[code], message) as unknown as Error;
  }
  const codes = { invalidValue: "#VALUE!", invalidNumber: "#NUM!", notAvailable: "#N/A" } as const;
  return (code, message) => Object.assign(new Error(message), { code: codes[code] });
}

/** Excel shows at most 255 characters of an error message in the tooltip. */
const MAX_MESSAGE = 255;

export function toExcelError(error: unknown): Error {
  const make = defaultFactory();
  if (error instanceof LevyInputError) {
    const code = error.kind === "number" ? "invalidNumber" : error.kind === "not-available" ? "notAvailable" : "invalidValue";
    // Defence in depth: no message ever shows a stringified object.
    const message = `${error.zh} ${error.en}`.split("[object Object]").join("{…}");
    return make(code, message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message);
  }
  if (error instanceof RangeError) {
    // decimal.js and dec() throw RangeError for numbers they cannot represent.
    return make("invalidNumber", "数字超出范围，请检查输入。 A number is out of range; check the inputs.");
  }
  return make("invalidValue", "计算出错，请检查输入。 The calculation failed; check the inputs.");
}

/**
 * Run an adapter body; every failure becomes an Excel error object thrown the way Excel expects, and a result is
 * never NaN or ±Infinity (issue 9 §4): a non-finite number becomes #NUM! with a message.
 */
export function guarded<T>(body: () => T): T {
  let value: T;
  try {
    value = body();
  } catch (error) {
    throw toExcelError(error);
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw toExcelError(new LevyInputError("result", { zh: "结果超出 Excel 能表示的数字范围，请检查输入。", en: "The result is beyond the numbers Excel can hold; check the inputs." }, "number"));
  }
  return value;
}
