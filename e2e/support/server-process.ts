// A production server of the app's own, for the tests that kill, damage or load it: started
// from the build the browser tests made, on a data folder and port of the test's choosing.
import { spawn, type ChildProcess } from "node:child_process";

export interface Health {
  pins: number;
  index: { size: number; state?: string; rebuildReason?: string; opening?: { rebuildReason?: string } | null };
}

export function startServer(port: number, dataDir: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: { ...process.env, DATA_DIR: dataDir, DEMO_CATALOG: "0", PORT: String(port), ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Health once the server answers and its index has opened. */
export async function waitForReady(base: string): Promise<Health> {
  for (let i = 0; i < 480; i++) {
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) {
        const health = (await response.json()) as Health;
        if (health.index.state === "ready") return health;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not come up");
}

export async function killServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGKILL");
  await exited;
}

/** The new pin's id, or null when the upload was not acknowledged (refused, or the server died). */
export async function upload(base: string, image: Buffer, title: string): Promise<string | null> {
  const body = new FormData();
  body.set("image", new Blob([new Uint8Array(image)], { type: "image/jpeg" }), "p.jpg");
  body.set("title", title);
  try {
    const response = await fetch(`${base}/api/pins`, { method: "POST", body });
    return response.status === 201 ? ((await response.json()) as { pin: { id: string } }).pin.id : null;
  } catch {
    return null;
  }
}

/** The ids of the top results of an image search. */
export async function searchIds(base: string, image: Buffer, k = 3): Promise<string[]> {
  const body = new FormData();
  body.set("image", new Blob([new Uint8Array(image)], { type: "image/jpeg" }), "q.jpg");
  body.set("k", String(k));
  const response = await fetch(`${base}/api/search`, { method: "POST", body });
  if (!response.ok) throw new Error(`search answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { results: { id: string }[] }).results.map((r) => r.id);
}
