import { describe, expect, it } from "vitest";
import { base64ToBytes } from "./base64";

describe("base64", () => {
  it("decodes what the server encodes, including long arrays", () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256);
    expect(base64ToBytes(Buffer.from(bytes).toString("base64"))).toEqual(bytes);
  });
});
