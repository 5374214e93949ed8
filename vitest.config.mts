import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The browser suite builds dist/ once and starts one Chromium; keep files parallel but bounded for a 2-core CI.
    maxWorkers: 2,
  },
});
