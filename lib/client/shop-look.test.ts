import { describe, expect, it } from "vitest";
import type { Pin, Result, ShopObject } from "@/lib/contracts";
import { dotLabel, dotPosition, filterProducts, freeCorner, noProductFilter, productCategories, topProducts } from "./shop-look";

function product(id: string, price: number | null, category: string | null): Result {
  const pin = { id, price, category, title: id, kind: "product" } as Pin;
  return { id, score: 0.9, pin };
}

const products = [product("a", 5, "Fruit"), product("b", 40, "Tools"), product("c", null, "Fruit"), product("d", 12.5, "Fruit")];

describe("dotPosition", () => {
  it("puts the dot at the box centre in percent", () => {
    expect(dotPosition({ x: 0.1, y: 0.2, w: 0.2, h: 0.4 })).toEqual({ left: "20.00%", top: "40.00%" });
  });
});

describe("filterProducts", () => {
  it("keeps everything, in order, without a filter", () => {
    expect(filterProducts(products, noProductFilter).map((p) => p.id)).toEqual(["a", "b", "c", "d"]);
  });
  it("filters by category", () => {
    expect(filterProducts(products, { ...noProductFilter, category: "Fruit" }).map((p) => p.id)).toEqual(["a", "c", "d"]);
  });
  it("filters by an inclusive price range and drops unpriced items", () => {
    expect(filterProducts(products, { category: "", min: "5", max: "12.5" }).map((p) => p.id)).toEqual(["a", "d"]);
    expect(filterProducts(products, { category: "", min: "10", max: "" }).map((p) => p.id)).toEqual(["b", "d"]);
  });
  it("reads a reversed range as the range it means and ignores junk", () => {
    expect(filterProducts(products, { category: "", min: "50", max: "10" }).map((p) => p.id)).toEqual(["b", "d"]);
    expect(filterProducts(products, { category: "", min: "abc", max: "$20" }).map((p) => p.id)).toEqual(["a", "d"]);
  });
});

describe("productCategories", () => {
  it("lists distinct categories in order of appearance", () => {
    expect(productCategories(products)).toEqual(["Fruit", "Tools"]);
  });
});

describe("topProducts", () => {
  it("takes each object's best product once", () => {
    const object = (ids: Result[]): ShopObject => ({ box: { x: 0, y: 0, w: 1, h: 1 }, label: "x", score: 1, products: ids });
    const [a, b, , d] = products;
    expect(topProducts([object([a!, b!]), object([a!, d!])]).map((p) => p.id)).toEqual(["a", "d"]);
  });
});

describe("dotLabel", () => {
  it("names the dot after its best product, falling back to the detector's label", () => {
    const object: ShopObject = { box: { x: 0, y: 0, w: 1, h: 1 }, label: "bird", score: 1, products: products.slice(0, 1) };
    expect(dotLabel(object, 1, 3)).toBe("Shop items like a (2 of 3)");
    expect(dotLabel({ ...object, products: [] }, 0, 1)).toBe("Shop items like bird (1 of 1)");
  });
});

describe("freeCorner", () => {
  const at = (x: number, y: number) => ({ x: x - 0.05, y: y - 0.05, w: 0.1, h: 0.1 });

  it("keeps the bottom-right corner when no dot is there", () => {
    expect(freeCorner([])).toBe("bottom-right");
    expect(freeCorner([at(0.5, 0.5), at(0.2, 0.9)])).toBe("bottom-right");
  });

  it("moves away from dots, to the next free corner", () => {
    expect(freeCorner([at(0.85, 0.9)])).toBe("bottom-left");
    expect(freeCorner([at(0.85, 0.9), at(0.2, 0.95)])).toBe("top-right");
    expect(freeCorner([at(0.85, 0.9), at(0.2, 0.95), at(0.9, 0.1)])).toBe("top-left");
  });
});
