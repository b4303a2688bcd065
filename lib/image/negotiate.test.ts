import { describe, expect, it } from "vitest";
import { preferredEncoding } from "./negotiate";

describe("preferredEncoding", () => {
  it("serves AVIF to browsers that list it", () => {
    expect(preferredEncoding("image/avif,image/webp,image/apng,image/*,*/*;q=0.8")).toBe("avif");
    expect(preferredEncoding("image/webp, IMAGE/AVIF;q=0.9")).toBe("avif");
  });

  it("serves WebP otherwise, or when AVIF is refused", () => {
    expect(preferredEncoding(null)).toBe("webp");
    expect(preferredEncoding("*/*")).toBe("webp");
    expect(preferredEncoding("image/webp,*/*")).toBe("webp");
    expect(preferredEncoding("image/avif;q=0, image/webp")).toBe("webp");
  });
});
