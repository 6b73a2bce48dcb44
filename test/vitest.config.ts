/**
 * The test runner's settings (kept under test/ so the top level stays lean; `npm test` points at it).
 * Timeouts here guard against hangs; they are not speed checks (speed lives in `npm run bench`).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
