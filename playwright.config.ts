// Browser tests: Debian's Chromium against a production build of the app on its own port and
// its own empty data folder, seeded by the "seed" project (e2e/seed.setup.ts) with a slice of the
// demo catalog. The Lens projects give Chromium a fake camera that plays a video the global setup
// (e2e/support/camera.ts) composes from the catalog before any browser starts.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Workers re-evaluate this file; the data folder must be chosen once, by the main process.
process.env.GLIMPSE_E2E_DATA ??= mkdtempSync(path.join(tmpdir(), "glimpse-e2e-"));
const port = Number(process.env.GLIMPSE_E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
process.env.GLIMPSE_E2E_BASE = baseURL;
process.env.GLIMPSE_E2E_CAMERA ??= path.join(process.env.GLIMPSE_E2E_DATA, "fake-camera.y4m");

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};

const withCamera = {
  ...chromium,
  args: [
    ...chromium.args,
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    `--use-file-for-fake-video-capture=${process.env.GLIMPSE_E2E_CAMERA}`,
    "--enable-unsafe-webgpu",
  ],
};

export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  globalSetup: "./e2e/support/camera.ts",
  // Service workers are blocked except where a test asks for one (offline-lens-phone.spec.ts):
  // one would answer requests that tests hold or count.
  use: { baseURL, launchOptions: chromium, trace: "retain-on-failure", screenshot: "only-on-failure", serviceWorkers: "block" },
  projects: [
    { name: "seed", testMatch: /seed\.setup\.ts/ },
    {
      name: "desktop",
      dependencies: ["seed"],
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
      testIgnore: [/phone\.spec\.ts/, /lens\.spec\.ts/],
    },
    { name: "phone", dependencies: ["seed"], use: { ...devices["Pixel 7"], launchOptions: chromium }, testMatch: /phone\.spec\.ts/ },
    {
      name: "lens-desktop",
      dependencies: ["seed"],
      use: { ...devices["Desktop Chrome"], launchOptions: withCamera, permissions: ["camera"] },
      testMatch: /lens\.spec\.ts/,
    },
    {
      name: "lens-phone",
      dependencies: ["seed"],
      use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 }, launchOptions: withCamera, permissions: ["camera"] },
      testMatch: /lens\.spec\.ts/,
    },
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
