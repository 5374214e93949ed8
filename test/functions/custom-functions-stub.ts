/**
 * A stand-in for the Office runtime's CustomFunctions global: the adapters create `new CustomFunctions.Error(code, msg)`.
 * Installed before the adapters are imported, exactly as Excel provides it.
 */
export class StubExcelError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(message);
    this.code = code;
  }
}

export function installCustomFunctionsStub(): void {
  (globalThis as Record<string, unknown>).CustomFunctions = {
    Error: StubExcelError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" },
  };
}

/** Call an adapter and return either its value or the Excel error it raised (anything else is a test failure). */
export function callExcel<T>(fn: () => T): { value: T } | { error: StubExcelError } {
  try {
    return { value: fn() };
  } catch (e) {
    if (e instanceof StubExcelError) return { error: e };
    throw e;
  }
}
