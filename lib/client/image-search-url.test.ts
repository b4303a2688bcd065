import { describe, expect, it } from "vitest";
import { boxFromParam, imageSearchUrl, isWholePicture, WHOLE_PICTURE } from "./image-search-url";

const box = (url: string) => boxFromParam(new URL(url, "http://x").searchParams.get("box"));

describe("image search URLs", () => {
  it("carry the picture, the words and the box, and give the box back", () => {
    const url = imageSearchUrl("a".repeat(64), "red shoes", { x: 0.1, y: 0.2, w: 0.3, h: 0.4 });
    expect(url).toBe(`/search/image?image=${"a".repeat(64)}&q=red+shoes&box=0.1%2C0.2%2C0.3%2C0.4`);
    expect(box(url)).toEqual({ x: 0.1, y: 0.2, w: 0.3, h: 0.4 });
  });

  it("name only the picture when there are no words and no box", () => {
    expect(imageSearchUrl("b".repeat(64), "", null)).toBe(`/search/image?image=${"b".repeat(64)}`);
  });

  it("keep a box that reaches the picture's edge, though rounding overshoots it", () => {
    const url = imageSearchUrl("c".repeat(64), "", { x: 0.12345, y: 0, w: 0.87655, h: 1 });
    expect(box(url)).toEqual({ x: 0.1235, y: 0, w: 1 - 0.1235, h: 1 });
  });

  it("read no box from a missing, short or nonsensical value", () => {
    for (const value of [null, "", "0.1,0.2,0.3", "a,b,c,d", "-0.1,0,0.5,0.5", "0.2,0.2,0,0.5"]) expect(boxFromParam(value)).toBeNull();
  });

  it("keep a request for the whole picture through the URL", () => {
    const url = imageSearchUrl("a".repeat(64), "", WHOLE_PICTURE);
    expect(isWholePicture(box(url))).toBe(true);
    expect(isWholePicture({ x: 0, y: 0, w: 1, h: 0.9 })).toBe(false);
    expect(isWholePicture(null)).toBe(false);
  });
});
