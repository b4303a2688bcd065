import { describe, expect, it } from "vitest";
import { searchableWords } from "./search-words";

describe("searchableWords", () => {
  it("keeps whole words once, in reading order, without punctuation, function words or bare numbers", () => {
    expect(searchableWords(["SUMMER SALE!", "Red shoes -50%", "the sale of (red) t-shirts 2024"])).toEqual([
      "SUMMER",
      "SALE",
      "Red",
      "shoes",
      "t-shirts",
    ]);
  });

  it("offers at most the number asked for", () => {
    expect(searchableWords(["one two three four"], 2)).toEqual(["one", "two"]);
    expect(searchableWords([])).toEqual([]);
  });
});
