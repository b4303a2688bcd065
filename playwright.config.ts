// Browser tests: Debian's Chromium against a production build of the app on its own port and
// its own empty data folder, seeded by the "seed" project (e2e/seed.setup.ts) with a slice of the
// demo catalog.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Workers re-evaluate this file; the data folder must be chosen once, by the main process.
process.env.GLIMPSE_E2E_DATA ??= mkdtempSync(path.join(tmpdir(), "glimpse-e2e-"));
const port = Number(process.env.GLIMPSE_E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
process.env.GLIMPSE_E2E_BASE = baseURL;

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};

export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: { baseURL, launchOptions: chromium, trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: [
    { name: "seed", testMatch: /seed\.setup\.ts/ },
    {
      name: "desktop",
      dependencies: ["seed"],
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
      testIgnore: /phone\.spec\.ts/,
    },
    { name: "phone", dependencies: ["seed"], use: { ...devices["Pixel 7"], launchOptions: chromium }, testMatch: /phone\.spec\.ts/ },
  ],
  webServer: {
    command: `npx next build && node node_modules/next/dist/bin/next start -p ${port}`,
    url: `${baseURL}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    env: { DATA_DIR: process.env.GLIMPSE_E2E_DATA, DEMO_CATALOG: "0" },
    stdout: "pipe",
  },
});
