import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts", "training/**/*.test.ts"],
    exclude: ["node_modules", "e2e", ".next"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Tests call routes far faster than any client would; limits.integration.test.ts turns them back on.
    env: { GLIMPSE_UPLOADS_PER_MINUTE: "0", GLIMPSE_SEARCHES_PER_MINUTE: "0" },
    // server-only throws outside a React server bundle; tests import server modules directly.
    alias: { "server-only": path.resolve(import.meta.dirname, "lib/testing/empty.ts") },
  },
});
