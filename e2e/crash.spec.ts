// Acknowledged means durable: a production server is killed with SIGKILL while uploads are in
// flight, at several seeded moments, and restarted on the same data folder. Every pin whose
// upload was answered 201 must still be there, be found first by its own picture, and the
// index and the store must agree. Runs its own server (the build the browser tests made).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { seededRandom } from "@/lib/random";
import { picture } from "@/lib/testing/pictures";

const PORT = 3290;
const base = `http://127.0.0.1:${PORT}`;
const ROUNDS = 3;
const UPLOADS_PER_ROUND = 24;
const CONCURRENCY = 4;

function startServer(dataDir: string): ChildProcess {
  return spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT)], {
    env: { ...process.env, DATA_DIR: dataDir, DEMO_CATALOG: "0", PORT: String(PORT) },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function waitForHealth(): Promise<{ pins: number; index: { size: number } }> {
  for (let i = 0; i < 240; i++) {
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) return (await response.json()) as { pins: number; index: { size: number } };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not come up");
}

async function upload(image: Buffer, title: string): Promise<string | null> {
  const body = new FormData();
  body.set("image", new Blob([new Uint8Array(image)], { type: "image/jpeg" }), "p.jpg");
  body.set("title", title);
  try {
    const response = await fetch(`${base}/api/pins`, { method: "POST", body });
    return response.status === 201 ? ((await response.json()) as { pin: { id: string } }).pin.id : null;
  } catch {
    return null; // the server died under it: not acknowledged
  }
}

test("no acknowledged pin is lost when the server is killed mid-upload", async () => {
  test.setTimeout(300_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "glimpse-crash-"));
  const random = seededRandom(904);
  const acknowledged: { id: string; image: Buffer }[] = [];
  let server = startServer(dataDir);
  try {
    await waitForHealth();
    for (let round = 0; round < ROUNDS; round++) {
      const images = await Promise.all(
        Array.from({ length: UPLOADS_PER_ROUND }, (_, i) => picture(1000 + round * UPLOADS_PER_ROUND + i, 200)),
      );
      let next = 0;
      const workers = Array.from({ length: CONCURRENCY }, async () => {
        while (next < images.length) {
          const i = next++;
          const id = await upload(images[i]!, `crash ${round}-${i}`);
          if (id) acknowledged.push({ id, image: images[i]! });
        }
      });
      // Kill at a seeded moment while uploads are in flight.
      await new Promise((r) => setTimeout(r, 400 + random() * 1600));
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGKILL");
      await Promise.all([...workers, exited]);
      server = startServer(dataDir);
      const health = await waitForHealth();
      expect(health.pins, `round ${round}: the store holds every acknowledged pin`).toBeGreaterThanOrEqual(acknowledged.length);
      expect(health.index.size, `round ${round}: index and store agree`).toBe(health.pins);
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { id, image } of acknowledged) {
      expect((await fetch(`${base}/api/pins/${id}`)).status, `pin ${id}`).toBe(200);
      const body = new FormData();
      body.set("image", new Blob([new Uint8Array(image)], { type: "image/jpeg" }), "q.jpg");
      body.set("k", "3");
      const { results } = (await (await fetch(`${base}/api/search`, { method: "POST", body })).json()) as { results: { id: string }[] };
      expect(results[0]?.id, `pin ${id} is found first by its own picture`).toBe(id);
    }
    console.log(`${ROUNDS} kills, ${acknowledged.length} acknowledged uploads, 0 lost`);
  } finally {
    server.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
