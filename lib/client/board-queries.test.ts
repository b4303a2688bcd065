import { describe, expect, it } from "vitest";
import type { Pin } from "@/lib/contracts";
import { placedOrder } from "./board-queries";

const pin = (id: string) => ({ id }) as Pin;
const ids = (pins: Pin[]) => pins.map((p) => p.id);
const board = ["a", "b", "c", "d"].map(pin);

describe("placedOrder", () => {
  it("puts a new pin first and leaves a saved one where it is", () => {
    expect(ids(placedOrder(board, { pin: pin("n") }))).toEqual(["n", "a", "b", "c", "d"]);
    expect(ids(placedOrder(board, { pin: pin("c") }))).toEqual(["a", "b", "c", "d"]);
  });

  it("moves a pin after or before another, as the server does", () => {
    expect(ids(placedOrder(board, { pin: pin("a"), after: "c" }))).toEqual(["b", "c", "a", "d"]);
    expect(ids(placedOrder(board, { pin: pin("d"), before: "a" }))).toEqual(["d", "a", "b", "c"]);
    expect(ids(placedOrder(board, { pin: pin("n"), after: "d" }))).toEqual(["a", "b", "c", "d", "n"]);
  });
});
