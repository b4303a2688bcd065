// The store's behaviour, run alike against embedded PGlite and a PostgreSQL server. The server
// suite fails when the server is unreachable: CI must exercise both.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "./database";
import { appliedMigrations, runMigrations } from "./migrate";
import { migrations } from "./migrations";
import { PinRepository } from "./pin-repository";
import {
  type TestDatabase,
  openTestPglite,
  openTestPostgres,
  samplePin,
  seededVector,
  truncateAll,
} from "./testing";

function describeStore(driver: string, open: () => Promise<TestDatabase>) {
  describe(`store on ${driver}`, () => {
    let handle: TestDatabase;
    let db: Database;
    let pins: PinRepository;

    beforeAll(async () => {
      handle = await open();
      db = handle.db;
      pins = new PinRepository(db);
    });
    afterAll(async () => {
      await handle?.dispose();
    });
    beforeEach(async () => {
      await truncateAll(db);
    });

    it("applies migrations once and records them", async () => {
      expect(await appliedMigrations(db)).toEqual(migrations.map((m) => m.name));
      expect(await runMigrations(db)).toEqual([]);
      await pins.createPin(samplePin("kept"));
      const again = await handle.reopen();
      expect(await appliedMigrations(again)).toEqual(migrations.map((m) => m.name));
      expect(await new PinRepository(again).countPins()).toBe(1);
      db = handle.db;
      pins = new PinRepository(db);
    });

    it("creates a pin and reads it back by id and by seq", async () => {
      const created = await pins.createPin(
        samplePin("a", { title: "Red chair", price: 49.5, category: "Furniture", kind: "product", link: "https://x.test/a" }),
      );
      expect(created.id).toMatch(/^[0-9A-Za-z]{12}$/);
      expect(created).toMatchObject({ title: "Red chair", price: 49.5, category: "Furniture", kind: "product", width: 640 });
      expect(await pins.getPin(created.id)).toEqual(created);
      expect(await pins.getPin("missing")).toBeNull();
      const bySeq = await pins.getPinsBySeq([created.seq, 999_999n]);
      expect([...bySeq.keys()]).toEqual([created.seq]);
      expect(bySeq.get(created.seq)).toEqual(created);
    });

    it("pages the feed newest first and keeps pages stable while pins are added", async () => {
      const made = [];
      for (let i = 0; i < 7; i++) made.push(await pins.createPin(samplePin(`feed-${i}`)));
      const first = await pins.listFeed({ limit: 3 });
      expect(first.pins.map((p) => p.id)).toEqual([made[6]!.id, made[5]!.id, made[4]!.id]);
      await pins.createPin(samplePin("feed-new"));
      const second = await pins.listFeed({ cursor: first.nextCursor!, limit: 3 });
      expect(second.pins.map((p) => p.id)).toEqual([made[3]!.id, made[2]!.id, made[1]!.id]);
      const third = await pins.listFeed({ cursor: second.nextCursor!, limit: 3 });
      expect(third.pins.map((p) => p.id)).toEqual([made[0]!.id]);
      expect(third.nextCursor).toBeNull();
      await expect(pins.listFeed({ cursor: "garbage!", limit: 3 })).rejects.toMatchObject({ code: "invalid_field" });
    });

    it("deletes a pin but keeps an image another pin shows", async () => {
      const a = await pins.createPin(samplePin("shared"));
      const b = await pins.createPin(samplePin("shared", { title: "second" }));
      expect(await pins.deletePin(a.id)).toEqual(a);
      expect(await pins.deletePin(a.id)).toBeNull();
      expect(await pins.getPin(a.id)).toBeNull();
      expect(await pins.getPin(b.id)).toEqual(b);
      expect(await pins.countPins()).toBe(1);
    });

    it("stores a duplicate image once", async () => {
      const a = await pins.createPin(samplePin("dup"));
      const b = await pins.createPin(samplePin("dup"));
      expect(a.id).not.toBe(b.id);
      expect(b.seq).toBeGreaterThan(a.seq);
      const images = await db.query<{ n: number }>("select count(*)::int as n from images");
      const vectors = await db.query<{ n: number }>("select count(*)::int as n from embeddings");
      expect(images[0]!.n).toBe(1);
      expect(vectors[0]!.n).toBe(1);
    });

    it("keeps vectors bit-exact", async () => {
      const vector = Float32Array.from([0, -0, 1e-38, -3.4028234e38, Math.PI, 1 / 3, Number.MIN_VALUE]);
      const input = samplePin("bits");
      await pins.createPin({ ...input, embedding: { model: "m@1", vector } });
      const back = await pins.findEmbedding(input.image.sha256, "m@1");
      expect(back).not.toBeNull();
      expect(new Uint8Array(back!.buffer)).toEqual(new Uint8Array(vector.buffer));
      expect(await pins.findEmbedding(input.image.sha256, "other@1")).toBeNull();
    });

    it("ranks a title match above a description match and applies filters", async () => {
      const inDescription = await pins.createPin(
        samplePin("t1", { title: "Living room", description: "a green velvet sofa", kind: "product", price: 300 }),
      );
      const inTitle = await pins.createPin(
        samplePin("t2", { title: "Velvet sofa", description: "for the living room", kind: "product", price: 900 }),
      );
      await pins.createPin(samplePin("t3", { title: "Velvet sofa idea", kind: "pin" }));
      const all = await pins.textSearch("velvet sofa", { kind: "product" }, 10);
      expect(all.map((h) => h.record.id)).toEqual([inTitle.id, inDescription.id]);
      expect(all[0]!.rank).toBeGreaterThan(all[1]!.rank);
      expect(all[0]!.rank).toBeLessThan(1);
      const cheap = await pins.textSearch("velvet sofa", { kind: "product", maxPrice: 500 }, 10);
      expect(cheap.map((h) => h.record.id)).toEqual([inDescription.id]);
      expect(await pins.textSearch("velvet", { category: "nothing" }, 10)).toEqual([]);
    });

    it("finds pins with any of the words when none has them all, the most words first", async () => {
      const tiger = await pins.createPin(samplePin("w1", { title: "Tiger" }));
      const shoes = await pins.createPin(samplePin("w2", { title: "Running shoes" }));
      const both = await pins.createPin(samplePin("w3", { title: "Tiger print shoes" }));
      expect((await pins.textSearch("tiger shoes", {}, 5)).map((h) => h.record.id)).toEqual([both.id]);
      const any = await pins.textSearch("tiger boots shoes", {}, 5);
      expect(any[0]!.record.id).toBe(both.id);
      expect(new Set(any.map((h) => h.record.id))).toEqual(new Set([both.id, tiger.id, shoes.id]));
    });

    it("matches categories case-insensitively and words read from the image", async () => {
      const p = await pins.createPin(samplePin("c1", { title: "Lamp", category: "Lighting", ocrText: "BRASS" }));
      expect((await pins.textSearch("lamp", { category: "lighting" }, 5)).map((h) => h.record.id)).toEqual([p.id]);
      expect((await pins.textSearch("brass", {}, 5)).map((h) => h.record.id)).toEqual([p.id]);
      expect(await pins.setOcrText(p.id, "copper")).toBe(true);
      expect((await pins.textSearch("copper", {}, 5)).map((h) => h.record.id)).toEqual([p.id]);
    });

    it("falls back to prefix matching for partial words, and treats syntax as text", async () => {
      const p = await pins.createPin(samplePin("p1", { title: "Running sneakers" }));
      expect((await pins.textSearch("sneak", {}, 5)).map((h) => h.record.id)).toEqual([p.id]);
      expect((await pins.textSearch("run snea", {}, 5)).map((h) => h.record.id)).toEqual([p.id]);
      expect(await pins.textSearch("zebra", {}, 5)).toEqual([]);
      expect((await pins.textSearch("zebra sneakers", {}, 5)).map((h) => h.record.id)).toEqual([p.id]);
      // Typos: no word matches, but the title looks like what was typed.
      expect((await pins.textSearch("sneekers", {}, 5)).map((h) => h.record.id)).toEqual([p.id]);
      expect((await pins.textSearch("runing", {}, 5)).map((h) => h.record.id)).toEqual([p.id]);
      expect((await pins.textSearch("runing", { kind: "product" }, 5)).map((h) => h.record.id)).toEqual([]);
      // One misspelt word among others still finds its title.
      expect((await pins.textSearch("zebar sneekers", {}, 5)).map((h) => h.record.id)).toEqual([p.id]);
      for (const hostile of ["'; drop table pins; --", "sneak:* | !", "&&&", "(((", "\\"]) {
        await expect(pins.textSearch(hostile, {}, 5)).resolves.toBeInstanceOf(Array);
      }
      expect(await pins.countPins()).toBe(1);
    });

    it("streams stored vectors in seq order after a watermark and counts them", async () => {
      const made = [];
      for (let i = 0; i < 5; i++) made.push(await pins.createPin(samplePin(`s${i}`)));
      await pins.deletePin(made[1]!.id);
      const seen: bigint[] = [];
      for await (const batch of pins.streamEmbeddings("test-model@1", made[0]!.seq)) {
        for (const entry of batch) {
          seen.push(entry.seq);
          expect(entry.vector.length).toBe(8);
        }
      }
      expect(seen).toEqual([made[2]!.seq, made[3]!.seq, made[4]!.seq]);
      expect(await pins.countEmbeddings("test-model@1")).toBe(4);
      expect(await pins.countEmbeddings("other@1")).toBe(0);
      expect(await pins.listEmbeddedSeqs("test-model@1", made[3]!.seq)).toEqual([made[0]!.seq, made[2]!.seq, made[3]!.seq]);
    });

    it("streams the filter fields the index keeps beside each vector", async () => {
      const shoe = await pins.createPin(samplePin("f1", { kind: "product", category: "Shoes", price: 80.5 }));
      const plain = await pins.createPin(samplePin("f2"));
      const later = await pins.createPin(samplePin("f3", { kind: "product" }));
      const streamed = [];
      for await (const batch of pins.streamEmbeddings("test-model@1")) streamed.push(...batch.map(({ seq, fields }) => ({ seq, fields })));
      const fields = [];
      for await (const batch of pins.streamFilterFields(plain.seq)) fields.push(...batch);
      expect(fields).toEqual([
        { seq: shoe.seq, fields: { kind: "product", category: "Shoes", price: 80.5 } },
        { seq: plain.seq, fields: { kind: "pin", category: null, price: null } },
      ]);
      expect(streamed).toEqual([...fields, { seq: later.seq, fields: { kind: "product", category: null, price: null } }]);
    });

    it("answers the vectors of filtered pins for exact search", async () => {
      const product = await pins.createPin(samplePin("e1", { kind: "product", category: "Shoes", price: 80 }));
      await pins.createPin(samplePin("e2", { kind: "product", category: "Bags", price: 80 }));
      await pins.createPin(samplePin("e3", { kind: "pin" }));
      const hits = await pins.embeddingsMatching("test-model@1", { kind: "product", category: "shoes" }, 10);
      expect(hits.map((h) => h.seq)).toEqual([product.seq]);
      expect(hits[0]!.vector).toEqual(seededVector(2 * 31 + "e".charCodeAt(0)));
    });

    it("rolls a failed transaction back completely", async () => {
      const input = samplePin("rollback");
      await expect(
        db.transaction(async (tx) => {
          await tx.query(
            "insert into images (sha256, format, width, height, bytes, dominant_color) values ($1, 'png', 1, 1, 1, '#000000')",
            [input.image.sha256],
          );
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      // A pin whose kind breaks a check fails after its image and vector were written.
      await expect(pins.createPin({ ...input, kind: "bogus" as "pin" })).rejects.toThrow();
      const images = await db.query("select 1 from images");
      const vectors = await db.query("select 1 from embeddings");
      expect(images).toEqual([]);
      expect(vectors).toEqual([]);
      expect(await pins.countPins()).toBe(0);
    });

    it("creates pins concurrently without losing or mixing any", async () => {
      const inputs = Array.from({ length: 24 }, (_, i) => samplePin(`conc-${i % 6}`, { title: `concurrent ${i}` }));
      const failing = pins.createPin({ ...samplePin("conc-bad"), kind: "bogus" as "pin" }).then(
        () => "created",
        (error: unknown) => error,
      );
      const created = await Promise.all(inputs.map((input) => pins.createPin(input)));
      expect(await failing).toBeInstanceOf(Error);
      expect(new Set(created.map((p) => p.id)).size).toBe(24);
      expect(new Set(created.map((p) => p.seq)).size).toBe(24);
      expect(await pins.countPins()).toBe(24);
      const images = await db.query<{ n: number }>("select count(*)::int as n from images");
      expect(images[0]!.n).toBe(6);
      const feed = await pins.listFeed({ limit: 100 });
      expect(feed.pins.map((p) => p.title).sort()).toEqual(inputs.map((p) => p.title!).sort());
    });
  });
}

describeStore("PGlite", openTestPglite);

describeStore("PostgreSQL", openTestPostgres);
