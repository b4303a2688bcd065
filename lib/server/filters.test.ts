import { describe, expect, it } from "vitest";
import type { PinRecord } from "@/lib/contracts/records";
import { hasFilters, matchesFilters } from "./filters";

const record: PinRecord = {
  seq: 1n,
  id: "abc",
  title: "Red kettle",
  description: "",
  link: null,
  price: 25,
  category: "Household",
  kind: "product",
  imageSha256: "a".repeat(64),
  imageFormat: "png",
  width: 100,
  height: 100,
  dominantColor: "#ffffff",
  ocrText: "",
  createdAt: new Date(0),
};

describe("matchesFilters", () => {
  it("passes everything without filters", () => {
    expect(hasFilters({})).toBe(false);
    expect(matchesFilters(record, {})).toBe(true);
  });
  it("filters by kind and case-insensitive category", () => {
    expect(matchesFilters(record, { kind: "product", category: "household" })).toBe(true);
    expect(matchesFilters(record, { kind: "pin" })).toBe(false);
    expect(matchesFilters(record, { category: "Food" })).toBe(false);
  });
  it("keeps prices inside the range and drops unpriced pins from a price filter", () => {
    expect(matchesFilters(record, { minPrice: 25, maxPrice: 25 })).toBe(true);
    expect(matchesFilters(record, { minPrice: 26 })).toBe(false);
    expect(matchesFilters(record, { maxPrice: 24.99 })).toBe(false);
    expect(matchesFilters({ ...record, price: null }, { maxPrice: 100 })).toBe(false);
  });
});
