import { describe, expect, it } from "vitest";
import { parsePrice } from "./price";

const value = (text: string) => {
  const parsed = parsePrice(text);
  return parsed.ok ? parsed.value : null;
};

describe("parsePrice", () => {
  it("reads a decimal point or a decimal comma", () => {
    expect(value("19.90")).toBe(19.9);
    expect(value("19,90")).toBe(19.9);
    expect(value("19,9")).toBe(19.9);
    expect(value("7")).toBe(7);
    expect(value(" $ 12.50 ")).toBe(12.5);
    expect(value("12,50 €")).toBe(12.5);
  });

  it("reads grouped thousands when the decimals say which sign is which", () => {
    expect(value("1,299.50")).toBe(1299.5);
    expect(value("1.299,50")).toBe(1299.5);
    expect(value("1 299,50")).toBe(1299.5);
    expect(value("1,299,000")).toBe(1299000);
    expect(value("1.299.000")).toBe(1299000);
  });

  it("refuses what could mean two things, and what is not a number", () => {
    expect(parsePrice("1,299")).toMatchObject({ ok: false });
    expect(parsePrice("1.299")).toMatchObject({ ok: false });
    expect(parsePrice("12,34,56")).toMatchObject({ ok: false });
    expect(parsePrice("1.2.3,4")).toMatchObject({ ok: false });
    expect(parsePrice("abc")).toMatchObject({ ok: false });
    expect(parsePrice("-5")).toMatchObject({ ok: false });
    expect(parsePrice("")).toMatchObject({ ok: false });
  });
});
