// GET /tfjs-wasm/:version/:file — the TF.js WASM backend's binaries (and the script its threads
// start from), served by the app itself, nothing from a CDN, straight from the installed package.
// The URL names the package version, so a browser may keep a file for good; only the files
// listed here are served.
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { AppError } from "@/lib/errors";
import { answer } from "@/lib/server/http";

/** Name in the URL → path inside the package, and its type (instantiateStreaming insists on application/wasm). */
const FILES = new Map([
  ["tfjs-backend-wasm.wasm", { file: "dist/tfjs-backend-wasm.wasm", type: "application/wasm" }],
  ["tfjs-backend-wasm-simd.wasm", { file: "dist/tfjs-backend-wasm-simd.wasm", type: "application/wasm" }],
  ["tfjs-backend-wasm-threaded-simd.wasm", { file: "dist/tfjs-backend-wasm-threaded-simd.wasm", type: "application/wasm" }],
  // See withUnbundledThreadScript in lib/client/on-device/backends.ts.
  ["tfjs-backend-wasm-threaded-simd.js", { file: "wasm-out/tfjs-backend-wasm-threaded-simd.js", type: "text/javascript; charset=utf-8" }],
]);

function packageDir(): string {
  // Resolved at run time; the bundler must not trace node_modules as a file path.
  return path.join(/* turbopackIgnore: true */ process.cwd(), "node_modules", "@tensorflow", "tfjs-backend-wasm");
}

let installedVersion: Promise<string> | null = null;

function version(): Promise<string> {
  installedVersion ??= readFile(path.join(packageDir(), "package.json"), "utf8").then((text) => (JSON.parse(text) as { version: string }).version);
  return installedVersion;
}

export function GET(_request: Request, { params }: { params: Promise<{ version: string; file: string }> }) {
  return answer(async () => {
    const { version: wanted, file } = await params;
    const served = FILES.get(file);
    if (!served || wanted !== (await version())) throw new AppError("not_found", "No such TF.js WASM file.", 404);
    const filePath = path.join(packageDir(), served.file);
    const { size } = await stat(filePath);
    const body = Readable.toWeb(createReadStream(filePath)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: {
        "Content-Type": served.type,
        "Content-Length": String(size),
        "Cache-Control": "public, max-age=31536000, immutable",
        "Cross-Origin-Resource-Policy": "same-origin",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
