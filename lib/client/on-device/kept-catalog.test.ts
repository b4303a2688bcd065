import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { Pin } from "@/lib/contracts";
import { KeptCatalog, keepingProblem } from "./kept-catalog";

const pin = (id: string) => ({ id, title: id }) as Pin;
const item = (id: string, byte: number) => ({ code: new Uint8Array([byte, byte]), pin: pin(id) });
const ids = (kept: Awaited<ReturnType<KeptCatalog["load"]>>) => kept?.items.map((i) => i.pin.id).sort();

describe("KeptCatalog", () => {
  it("keeps additions and tombstones under one cursor, and starts over for another space", async () => {
    const kept = (await KeptCatalog.open("kept-test-1"))!;
    expect(await kept.load()).toBeNull();
    await kept.apply({ model: "m@1", dim: 16, through: "3", items: [item("a", 1), item("b", 2), item("c", 3)], removed: [] }, true);
    await kept.apply({ model: "m@1", dim: 16, through: "5", items: [item("d", 4)], removed: ["b", "never-kept"] }, false);
    const loaded = await kept.load();
    expect(loaded).toMatchObject({ model: "m@1", dim: 16, through: "5" });
    expect(ids(loaded)).toEqual(["a", "c", "d"]);
    expect(Array.from(loaded!.items.find((i) => i.pin.id === "d")!.code)).toEqual([4, 4]);

    await kept.apply({ model: "m@2", dim: 16, through: "9", items: [item("z", 9)], removed: [] }, true);
    expect(ids(await kept.load())).toEqual(["z"]);
    kept.close();
    // Opened again (a new visit), the copy is there.
    const again = (await KeptCatalog.open("kept-test-1"))!;
    expect((await again.load())?.through).toBe("9");
    again.close();
  });

  it("leaves the old copy whole when a change cannot be written", async () => {
    const kept = (await KeptCatalog.open("kept-test-2"))!;
    await kept.apply({ model: "m@1", dim: 16, through: "1", items: [item("a", 1)], removed: [] }, true);
    // A value IndexedDB cannot store fails the write, as a full quota does: nothing of it stays.
    const unstorable = { code: new Uint8Array(2), pin: { id: "b", oops: () => 1 } as unknown as Pin };
    await expect(kept.apply({ model: "m@1", dim: 16, through: "2", items: [unstorable], removed: ["a"] }, false)).rejects.toThrow();
    const loaded = await kept.load();
    expect(loaded?.through).toBe("1");
    expect(ids(loaded)).toEqual(["a"]);
    kept.close();
  });

  it("says in words why nothing is kept", () => {
    expect(keepingProblem(new DOMException("quota", "QuotaExceededError"))).toMatch(/storage .* is full/);
    expect(keepingProblem(new Error("x"))).toMatch(/did not keep/);
  });
});
