import { describe, expect, it } from "vitest";
import { filterParams, filtersFromParams } from "./search-filters";

describe("text search filters in the URL", () => {
  it("reads kind and a price range, and writes them back in a fixed order", () => {
    const filters = filtersFromParams({ q: "shoes", maxPrice: "20", kind: "product", minPrice: ["5", "9"] });
    expect(filters).toEqual({ kind: "product", minPrice: 5, maxPrice: 20 });
    expect(Object.entries(filterParams(filters))).toEqual([["kind", "product"], ["minPrice", "5"], ["maxPrice", "20"]]);
  });

  it("drops what the API would refuse instead of failing the page", () => {
    expect(filtersFromParams({ kind: "boards", minPrice: "-3", maxPrice: "cheap" })).toEqual({});
    expect(filtersFromParams({ minPrice: "50", maxPrice: "10" })).toEqual({ maxPrice: 10 });
    expect(filtersFromParams({ kind: "", maxPrice: " " })).toEqual({});
  });
});
