import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isHeldOutImage } from "./catalog-views";

describe("the held-out split", () => {
  it("holds an image out by its content, whatever the file is called, about one in seven", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "glimpse-split-"));
    let heldOut = 0;
    for (let i = 0; i < 700; i++) {
      const bytes = Buffer.from(`image ${i}`);
      const sha = createHash("sha256").update(bytes).digest("hex");
      // The demo catalog's file, and the live catalog's copy named by its SHA-256.
      writeFileSync(path.join(dir, `demo-${i}.webp`), bytes);
      writeFileSync(path.join(dir, sha), "another rendition of the same image");
      const out = isHeldOutImage(path.join(dir, `demo-${i}.webp`));
      expect(isHeldOutImage(path.join(dir, sha))).toBe(out);
      if (out) heldOut++;
    }
    expect(heldOut).toBeGreaterThan(70);
    expect(heldOut).toBeLessThan(130);
  });
});
