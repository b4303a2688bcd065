import { describe, expect, it } from "vitest";
import type { Pin, Result } from "@/lib/contracts";
import { splitByRelevance } from "./relevance";

const pin: Pin = {
  id: "p",
  title: "",
  description: "",
  link: null,
  price: null,
  category: null,
  kind: "pin",
  imageUrl: "/i.webp",
  thumbUrl: "/t.webp",
  width: 100,
  height: 100,
  dominantColor: "#000000",
  createdAt: "2024-01-01T00:00:00Z",
};
const result = (id: string, score: number): Result => ({ id, score, pin: { ...pin, id } });

describe("splitByRelevance", () => {
  it("keeps everything when the server gives no cut-off", () => {
    const split = splitByRelevance([result("a", 0.1)], undefined);
    expect(split.relevant.map((r) => r.id)).toEqual(["a"]);
    expect(split.lessSimilar).toEqual([]);
  });

  it("keeps order and puts results at the cut-off on the relevant side", () => {
    const split = splitByRelevance([result("a", 0.9), result("b", 0.5), result("c", 0.49)], 0.5);
    expect(split.relevant.map((r) => r.id)).toEqual(["a", "b"]);
    expect(split.lessSimilar.map((r) => r.id)).toEqual(["c"]);
  });
});
