import { withSerwist } from "@serwist/turbopack";
import type { NextConfig } from "next";

// Native and WASM-heavy packages stay outside the server bundle and load from node_modules.
const nextConfig: NextConfig = {
  serverExternalPackages: [
    "sharp",
    "usearch",
    "@electric-sql/pglite",
    "pg",
    "onnxruntime-node",
    "heic-decode",
    "libheif-js",
    "@gutenye/ocr-node",
  ],
  // Cross-origin isolation lets the browser's WASM backend use threads (SharedArrayBuffer).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
        ],
      },
    ];
  },
};

// Serwist builds the service worker with esbuild, which stays outside the server bundle too.
export default withSerwist(nextConfig);
