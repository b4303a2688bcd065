// GET /serwist/sw.js — the service worker (lib/service-worker/sw.ts), built by esbuild when the
// app is built, with the list of files to keep at install: the built scripts and styles, the
// public icons, the Lens, image search and offline pages, and TF.js's WASM binaries for
// on-device search.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createSerwistRoute } from "@serwist/turbopack";

const WASM_FILES = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm", "tfjs-backend-wasm-threaded-simd.js"];

function wasmVersion(): string {
  const file = path.join(/* turbopackIgnore: true */ process.cwd(), "node_modules", "@tensorflow", "tfjs-backend-wasm", "package.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

// Pages change with every build; the WASM files with the package's version.
const build = randomUUID();
const version = wasmVersion();

export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "lib/service-worker/sw.ts",
  useNativeEsbuild: true,
  additionalPrecacheEntries: [
    { url: "/lens", revision: build },
    { url: "/search/image", revision: build },
    { url: "/offline", revision: build },
    ...WASM_FILES.map((file) => ({ url: `/tfjs-wasm/${version}/${file}`, revision: version })),
  ],
});
