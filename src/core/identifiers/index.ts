/** Identifier checks: 公民身份号码 (GB 11643), 第二代残疾人证 numbers and weights, 统一社会信用代码 (GB 32100). */
export * from "./resident-id";
export * from "./disability-certificate";
export * from "./uscc";
