import "server-only";
// A feature cache on local disk for the fitting and evaluation scripts, so reruns skip the
// backbones: keys in a JSON file, vectors of one fixed width in a float32 file beside it.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

export class FeatureCache {
  private readonly rows = new Map<string, Float32Array>();

  constructor(
    private readonly file: string,
    readonly width: number,
  ) {
    if (!existsSync(`${file}.json`) || !existsSync(`${file}.f32`)) return;
    const keys = JSON.parse(readFileSync(`${file}.json`, "utf8")) as { width: number; keys: string[] };
    if (keys.width !== width) return;
    const bytes = readFileSync(`${file}.f32`);
    const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    keys.keys.forEach((k, i) => this.rows.set(k, all.slice(i * width, (i + 1) * width)));
  }

  entries(): IterableIterator<[string, Float32Array]> {
    return this.rows.entries();
  }

  get(key: string): Float32Array | undefined {
    return this.rows.get(key);
  }

  set(key: string, row: Float32Array): void {
    if (row.length !== this.width) throw new RangeError(`cache row of ${row.length}, expected ${this.width}`);
    this.rows.set(key, row);
  }

  save(): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const keys = [...this.rows.keys()];
    const all = new Float32Array(keys.length * this.width);
    keys.forEach((k, i) => all.set(this.rows.get(k)!, i * this.width));
    writeFileSync(`${this.file}.f32.tmp`, new Uint8Array(all.buffer));
    writeFileSync(`${this.file}.json.tmp`, JSON.stringify({ width: this.width, keys }));
    renameSync(`${this.file}.f32.tmp`, `${this.file}.f32`);
    renameSync(`${this.file}.json.tmp`, `${this.file}.json`);
  }
}

/** Splits a concatenated raw row back into parts of the given widths. */
export function splitParts(row: Float32Array, dims: readonly number[]): Float32Array[] {
  const out: Float32Array[] = [];
  let offset = 0;
  for (const d of dims) {
    out.push(row.subarray(offset, offset + d));
    offset += d;
  }
  return out;
}

export function concatParts(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
