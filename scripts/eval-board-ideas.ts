// Ideas for a board: the multi-interest method (lib/server/board-ideas.ts) against one query at
// the board's mean vector, and a sweep of the Ward merge height that splits a board into
// interests. Boards of 6 pins (--board-size) from 2 or 3 categories are made from a seed; an idea is on topic
// when its category is one of the board's, and a board is covered when its top k holds an idea
// of every one of its categories. With a benchmark half (lines carrying `group`, a concept of a
// few images) it also reports concept recall: the board pins' siblings found among the ideas.
// Runs in-process on embedded PGlite; ingests the catalog into --data-dir when that is empty
// (default: a temporary folder, removed at the end). Tune on the demo catalog only:
//   npx tsx --conditions=react-server scripts/eval-board-ideas.ts [--catalog catalog/demo/catalog.jsonl] [--data-dir DIR]
//     [--thresholds 0.4,0.8,1.2,1.6,2,2.5,3,4] [--boards 100] [--board-size 6] [--seed 1] [--k 10] [--concurrency 2]
// and confirm once on the benchmark's dev half:
//   npx tsx --conditions=react-server scripts/eval-board-ideas.ts --catalog ../shared/bench/data/dev --thresholds 1.6
import { statSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";

const { values } = parseArgs({
  options: {
    catalog: { type: "string", default: "catalog/demo/catalog.jsonl" },
    "data-dir": { type: "string" },
    thresholds: { type: "string", default: "0.4,0.8,1.2,1.6,2,2.5,3,4" },
    boards: { type: "string", default: "100" },
    "board-size": { type: "string", default: "6" },
    seed: { type: "string", default: "1" },
    k: { type: "string", default: "10" },
    concurrency: { type: "string", default: "2" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(
    "usage: npx tsx --conditions=react-server scripts/eval-board-ideas.ts [--catalog <catalog.jsonl | bench half folder>] " +
      "[--data-dir DIR] [--thresholds a,b,...] [--boards N] [--board-size N] [--seed N] [--k N] [--concurrency N]",
  );
  process.exit(0);
}

const catalogFile = statSync(values.catalog).isDirectory() ? path.join(values.catalog, "gallery.jsonl") : values.catalog;
const thresholds = values.thresholds.split(",").map(Number);
const boardCount = Number(values.boards);
const k = Number(values.k);
/** Split 2 or 3 ways evenly, so a multiple of 6. */
const BOARD_SIZE = Number(values["board-size"]);
if (!(BOARD_SIZE > 0 && BOARD_SIZE % 6 === 0)) {
  console.error("--board-size must be a positive multiple of 6");
  process.exit(2);
}
/** A category takes part in boards only with at least this many pins. */
const MIN_GROUP = 12;
/** Left out of the catalog: composed scenes hold objects of several categories. */
const SKIPPED_CATEGORIES = new Set(["Scenes"]);

// The app reads DATA_DIR and DATABASE_URL when its modules first open the store.
const tempDir = values["data-dir"] ? null : await mkdtemp(path.join(tmpdir(), "eval-board-ideas-"));
process.env.DATA_DIR = path.resolve(values["data-dir"] ?? tempDir!);
process.env.DATABASE_URL = "";

const { CreatePinFields } = await import("@/lib/contracts");
const { readCatalog } = await import("./lib/catalog-source");
const { seededRandom } = await import("@/lib/random");
const { INTEREST_MERGE_HEIGHT, MAX_INTERESTS } = await import("@/lib/embedding/interests");
const { dot } = await import("@/lib/embedding/vectors");
const { closeServerContext, serverContext } = await import("@/lib/server/context");
const { boardIdeas } = await import("@/lib/server/board-ideas");
const { createBoard, placePin } = await import("@/lib/server/boards");
const { withServingModel } = await import("@/lib/server/image-models");
const { createPin } = await import("@/lib/server/pins");
type IdeasResponse = import("@/lib/contracts").IdeasResponse;
type User = import("@/lib/server/auth").User;

/** What the evaluation knows of a catalog pin: its category, and its concept on a benchmark half. */
interface Truth {
  title: string;
  category: string;
  group?: string;
}

// ---- The catalog, ingested once per data dir --------------------------------------------------

const truths = (await readFile(catalogFile, "utf8"))
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Truth)
  .filter((t) => !SKIPPED_CATEGORIES.has(t.category));
const hasConcepts = truths.every((t) => t.group !== undefined);
const context = await serverContext();
const db = context.database;
const [{ n: stored } = { n: 0 }] = await db.query<{ n: number }>("select count(*)::int as n from pins");

if (stored === 0) {
  const items = (await readCatalog(catalogFile)).filter((item) => !SKIPPED_CATEGORIES.has(item.fields.category ?? ""));
  const bar = new cliProgress.SingleBar(
    { format: "ingest [{bar}] {value}/{total} pins | {eta_formatted} left | {failed} failed", hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 },
    cliProgress.Presets.shades_classic,
  );
  const failed: string[] = [];
  bar.start(items.length, 0, { failed: 0 });
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await createPin(new Uint8Array(await readFile(item.imagePath)), CreatePinFields.parse(item.fields));
      } catch (error) {
        failed.push(`${item.key}: ${error instanceof Error ? error.message : String(error)}`);
      }
      bar.increment(1, { failed: failed.length });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Number(values.concurrency)) }, worker));
  bar.stop();
  for (const line of failed.slice(0, 10)) console.log(`  failed ${line}`);
}

// Pins back to the catalog by title (unique in both catalogs).
const pinRows = await db.query<{ id: string; title: string }>("select id, title from pins order by seq");
const pinIdByTitle = new Map(pinRows.map((r) => [r.title, r.id]));
const pins = truths.filter((t) => pinIdByTitle.has(t.title));
if (pins.length !== truths.length || pinRows.length !== truths.length) {
  console.warn(`warning: ${truths.length} catalog pins, ${pinRows.length} stored, ${pins.length} matched by title`);
}

// ---- Boards, made from the seed ----------------------------------------------------------------

interface EvalBoard {
  id: string;
  groups: string[];
  titles: Set<string>;
  /** Same-concept siblings of the board's pins that are not on it (benchmark halves only). */
  siblings: Set<string>;
}

const random = seededRandom(Number(values.seed));
const shuffled = <T>(xs: readonly T[]): T[] => {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};
const byCategory = new Map<string, Truth[]>();
for (const pin of pins) byCategory.set(pin.category, [...(byCategory.get(pin.category) ?? []), pin]);
const eligible = [...byCategory.keys()].filter((c) => byCategory.get(c)!.length >= MIN_GROUP).sort();
const byConcept = new Map<string, Truth[]>();
for (const pin of pins) if (pin.group) byConcept.set(pin.group, [...(byConcept.get(pin.group) ?? []), pin]);

const user: User = { id: "eval-board-ideas", name: "Board ideas eval", email: "eval-board-ideas@example.invalid" };
await db.query(
  "insert into users (id, name, email, email_verified, updated_at) values ($1, $2, $3, true, now()) on conflict (id) do nothing",
  [user.id, user.name, user.email],
);
// Boards of an earlier run on the same data dir go, so every run sees the same boards.
await db.query("delete from boards where owner_id = $1", [user.id]);

const boards: EvalBoard[] = [];
for (let b = 0; b < boardCount; b++) {
  // Alternately from 2 and 3 categories, as many pins from each.
  const groups = shuffled(eligible).slice(0, b % 2 === 0 ? 2 : 3);
  const chosen: Truth[] = [];
  for (const group of groups) {
    // At most one pin per concept, so each board pin has all its siblings off the board.
    const concepts = new Set(chosen.map((t) => t.group));
    let taken = 0;
    for (const t of shuffled(byCategory.get(group)!)) {
      if (taken === BOARD_SIZE / groups.length) break;
      if (t.group !== undefined && concepts.has(t.group)) continue;
      chosen.push(t);
      concepts.add(t.group);
      taken++;
    }
  }
  const board = await createBoard(user, { name: `Eval board ${b + 1}`, description: groups.join(", "), secret: false });
  for (const t of chosen) await placePin(board.id, user, { pinId: pinIdByTitle.get(t.title)! });
  const titles = new Set(chosen.map((t) => t.title));
  const siblings = new Set(
    chosen.flatMap((t) => (t.group ? byConcept.get(t.group)!.map((s) => s.title).filter((s) => !titles.has(s)) : [])),
  );
  boards.push({ id: board.id, groups, titles, siblings });
}

// ---- The methods -------------------------------------------------------------------------------

interface Method {
  label: string;
  height: string;
  run: (boardId: string) => Promise<IdeasResponse & { interests: number }>;
}

const methods: Method[] = [
  ...thresholds.map(
    (height): Method => ({
      label: "interests",
      height: height === INTEREST_MERGE_HEIGHT ? `${height} (shipped)` : String(height),
      run: (id) => boardIdeas(id, user, k, { mergeHeight: height }),
    }),
  ),
  { label: "mean", height: "–", run: (id) => boardIdeas(id, user, k, { method: "mean" }) },
];

// ---- Measuring ---------------------------------------------------------------------------------

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
const f3 = (x: number) => x.toFixed(3);

// Warm up: the first call loads the model and the index.
for (const method of methods) await method.run(boards[0]!.id);

// Where the merge height sits: squared distances (2 − 2·cosine) between pins on the same board.
const pairDistances = { same: [] as number[], different: [] as number[] };
for (const board of boards) {
  const seqs = await context.boards.recentPinSeqs(board.id, 200);
  const records = await context.boards.boardPins(board.id);
  const categoryOf = new Map(records.map((r) => [r.seq, r.category]));
  await withServingModel(async ({ embedder }) => {
    const vecs = await context.pins.embeddingsOf(embedder.model, seqs);
    for (let i = 0; i < vecs.length; i++) {
      for (let j = i + 1; j < vecs.length; j++) {
        const same = categoryOf.get(vecs[i]!.seq) === categoryOf.get(vecs[j]!.seq);
        pairDistances[same ? "same" : "different"].push(2 - 2 * dot(vecs[i]!.vector, vecs[j]!.vector));
      }
    }
  });
}

const rows: string[] = [];
for (const method of methods) {
  let precision = 0;
  let covered = 0;
  const coveredBySize = new Map<number, number>();
  let recall = 0;
  let interests = 0;
  let interestsMatch = 0;
  const took: number[] = [];
  for (const board of boards) {
    const { results, tookMs, interests: found } = await method.run(board.id);
    took.push(tookMs);
    const categories = results.map((r) => r.pin.category ?? "");
    precision += categories.filter((c) => board.groups.includes(c)).length / k;
    if (board.groups.every((g) => categories.includes(g))) {
      covered++;
      coveredBySize.set(board.groups.length, (coveredBySize.get(board.groups.length) ?? 0) + 1);
    }
    if (board.siblings.size > 0) recall += results.filter((r) => board.siblings.has(r.pin.title)).length / board.siblings.size;
    interests += found;
    if (found === board.groups.length) interestsMatch++;
  }
  const n = boards.length;
  const ofSize = (size: number) => boards.filter((b) => b.groups.length === size).length;
  const interestCells = method.label === "mean" ? "1 | –" : `${(interests / n).toFixed(2)} | ${f3(interestsMatch / n)}`;
  rows.push(
    `| ${method.label} | ${method.height} | ${interestCells} | ${f3(precision / n)} | ${f3(covered / n)} | ` +
      `${f3((coveredBySize.get(2) ?? 0) / ofSize(2))} | ${f3((coveredBySize.get(3) ?? 0) / ofSize(3))} | ` +
      `${hasConcepts ? `${f3(recall / n)} | ` : ""}${quantile(took, 0.5).toFixed(1)} | ${quantile(took, 0.95).toFixed(1)} |`,
  );
}

console.log(
  `\n${path.relative(process.cwd(), catalogFile)}: ${pins.length} pins, ${eligible.length} categories with ≥ ${MIN_GROUP} pins; ` +
    `${boards.length} boards of ${BOARD_SIZE} pins (${BOARD_SIZE / 2}×2 and ${BOARD_SIZE / 3}×3), seed ${values.seed}, k = ${k}; ` +
    `shipped INTEREST_MERGE_HEIGHT = ${INTEREST_MERGE_HEIGHT}, MAX_INTERESTS = ${MAX_INTERESTS}`,
);
const spread = (xs: number[]) => [0.1, 0.5, 0.9].map((q) => quantile(xs, q).toFixed(2)).join(" / ");
console.log(
  `squared distance between board pins, p10 / p50 / p90: same category ${spread(pairDistances.same)}, ` +
    `different categories ${spread(pairDistances.different)}`,
);
console.log(
  `| method | merge height | interests/board | interests = categories | P@${k} | coverage | coverage, 2 cat. | coverage, 3 cat. | ` +
    `${hasConcepts ? `concept recall@${k} | ` : ""}p50 ms | p95 ms |`,
);
console.log(`|---|---|---|---|---|---|---|---|${hasConcepts ? "---|" : ""}---|---|`);
for (const row of rows) console.log(row);
if (hasConcepts) {
  const siblings = boards.reduce((s, b) => s + b.siblings.size, 0) / boards.length;
  console.log(`\nconcept recall: ${siblings.toFixed(1)} siblings per board, so at most ${f3(Math.min(1, k / siblings))} with k = ${k}`);
}

// Saves the index (a reused data dir then opens without replaying the store), then ends.
await closeServerContext();
if (tempDir) await rm(tempDir, { recursive: true, force: true });
process.exit(0);
