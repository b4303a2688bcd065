// Where a request's time went, stage by stage, for the Server-Timing response header (shown by
// browsers' developer tools and summed by `npm run ingest`).
export class StageTimings {
  private readonly stages: [name: string, ms: number][] = [];

  /** Runs `fn` and records its time under `stage` (added to earlier time under the same name). */
  async time<T>(stage: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.add(stage, performance.now() - start);
    }
  }

  add(stage: string, ms: number): void {
    const entry = this.stages.find(([name]) => name === stage);
    if (entry) entry[1] += ms;
    else this.stages.push([stage, ms]);
  }

  /** `name;dur=12.3, …` */
  header(): string {
    return this.stages.map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`).join(", ");
  }
}

/** Stage durations of a Server-Timing header, by name; what does not parse is skipped. */
export function parseServerTiming(header: string | null): Map<string, number> {
  const stages = new Map<string, number>();
  for (const part of (header ?? "").split(",")) {
    const match = /^\s*([\w-]+)\s*;\s*dur=([\d.]+)\s*$/.exec(part);
    if (match) stages.set(match[1]!, Number(match[2]));
  }
  return stages;
}
