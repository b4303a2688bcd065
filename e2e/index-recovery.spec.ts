// The vector index file is only a cache of the store: damaged in each of the ways a disk or a
// crash can leave it (cut short, bytes overwritten, gone, or a crash between the file and its
// sidecar), it is detected at start and rebuilt from the store, and every pin is found again.
// Runs its own production server (the build the browser tests made).
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { picture } from "@/lib/testing/pictures";
import { killServer, searchIds, startServer, upload, waitForReady } from "./support/server-process";

const PORT = 3291;
const base = `http://127.0.0.1:${PORT}`;

/** The index file and its sidecar (one model, so one pair). */
function indexFiles(dataDir: string): { file: string; sidecar: string } {
  const dir = path.join(dataDir, "index");
  const file = readdirSync(dir).find((name) => name.endsWith(".usearch"))!;
  return { file: path.join(dir, file), sidecar: path.join(dir, file.replace(/\.usearch$/, ".json")) };
}

/** Waits until the saved index holds `count` vectors (saves follow changes after a few seconds). */
async function waitForSave(dataDir: string, count: number): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((JSON.parse(readFileSync(indexFiles(dataDir).sidecar, "utf8")) as { count: number }).count === count) return;
    } catch {
      // not saved yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the index was not saved with ${count} vectors`);
}

const damages: { name: string; reason: RegExp; damage(files: { file: string; sidecar: string }, staleSidecar: string): void }[] = [
  { name: "cut short", reason: /damaged/, damage: ({ file }) => truncateSync(file, Math.floor(statSync(file).size / 2)) },
  {
    name: "bytes overwritten",
    reason: /damaged/,
    damage: ({ file }) => {
      const bytes = readFileSync(file);
      const at = Math.floor(bytes.length / 3);
      bytes.fill(0xa5, at, at + 512);
      writeFileSync(file, bytes);
    },
  },
  { name: "missing", reason: /missing/, damage: ({ file }) => unlinkSync(file) },
  // The file of the last save with the sidecar of the one before: a crash between the two renames.
  { name: "crash between file and sidecar", reason: /damaged/, damage: ({ sidecar }, stale) => copyFileSync(stale, sidecar) },
];

test("a damaged index file is detected at start and rebuilt from the store", async () => {
  test.setTimeout(300_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "glimpse-index-"));
  const images = await Promise.all(Array.from({ length: 16 }, (_, i) => picture(2000 + i, 200)));
  const ids: string[] = [];
  let server = startServer(PORT, dataDir);
  try {
    await waitForReady(base);
    for (const [i, image] of images.slice(0, 12).entries()) ids.push((await upload(base, image, `index ${i}`))!);
    await waitForSave(dataDir, 12);
    const staleSidecar = path.join(dataDir, "stale-sidecar.json");
    copyFileSync(indexFiles(dataDir).sidecar, staleSidecar);
    for (const [i, image] of images.slice(12).entries()) ids.push((await upload(base, image, `index ${12 + i}`))!);
    await waitForSave(dataDir, 16);
    expect(ids.every(Boolean)).toBe(true);

    for (const { name, reason, damage } of damages) {
      await killServer(server);
      damage(indexFiles(dataDir), staleSidecar);
      server = startServer(PORT, dataDir);
      const health = await waitForReady(base);
      expect(health.index.rebuildReason, `${name}: detected`).toMatch(reason);
      expect(health.index.size, `${name}: index and store agree`).toBe(health.pins);
      expect(health.pins).toBe(16);
      for (const [i, image] of images.entries()) expect((await searchIds(base, image))[0], `${name}: pin ${i} found`).toBe(ids[i]);
      await waitForSave(dataDir, 16); // the rebuilt index is written back
    }
  } finally {
    await killServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
