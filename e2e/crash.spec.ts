// Acknowledged means durable: a production server is killed with SIGKILL while uploads are in
// flight, at several seeded moments, and restarted on the same data folder. Every pin whose
// upload was answered 201 must still be there, be found first by its own picture, and the
// index and the store must agree. Runs its own server (the build the browser tests made).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { seededRandom } from "@/lib/random";
import { picture } from "@/lib/testing/pictures";
import { killServer, searchIds, startServer, upload, waitForReady } from "./support/server-process";

const PORT = 3290;
const base = `http://127.0.0.1:${PORT}`;
const ROUNDS = 3;
const UPLOADS_PER_ROUND = 24;
const CONCURRENCY = 4;

test("no acknowledged pin is lost when the server is killed mid-upload", async () => {
  test.setTimeout(300_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "glimpse-crash-"));
  const random = seededRandom(904);
  const acknowledged: { id: string; image: Buffer }[] = [];
  let server = startServer(PORT, dataDir);
  try {
    await waitForReady(base);
    for (let round = 0; round < ROUNDS; round++) {
      const images = await Promise.all(
        Array.from({ length: UPLOADS_PER_ROUND }, (_, i) => picture(1000 + round * UPLOADS_PER_ROUND + i, 200)),
      );
      let next = 0;
      const workers = Array.from({ length: CONCURRENCY }, async () => {
        while (next < images.length) {
          const i = next++;
          const id = await upload(base, images[i]!, `crash ${round}-${i}`);
          if (id) acknowledged.push({ id, image: images[i]! });
        }
      });
      // Kill at a seeded moment while uploads are in flight.
      await new Promise((r) => setTimeout(r, 400 + random() * 1600));
      await Promise.all([...workers, killServer(server)]);
      server = startServer(PORT, dataDir);
      const health = await waitForReady(base);
      expect(health.pins, `round ${round}: the store holds every acknowledged pin`).toBeGreaterThanOrEqual(acknowledged.length);
      expect(health.index.size, `round ${round}: index and store agree`).toBe(health.pins);
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { id, image } of acknowledged) {
      expect((await fetch(`${base}/api/pins/${id}`)).status, `pin ${id}`).toBe(200);
      expect((await searchIds(base, image))[0], `pin ${id} is found first by its own picture`).toBe(id);
    }
    console.log(`${ROUNDS} kills, ${acknowledged.length} acknowledged uploads, 0 lost`);
  } finally {
    await killServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
