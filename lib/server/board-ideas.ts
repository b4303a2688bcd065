// Ideas for a board: pins that fit it and are not on it. The board's pins are clustered into
// interests (lib/embedding/interests.ts, as PinnerSage does for a user); each interest's medoid
// queries the index, and the answers are merged in proportion to the interests' sizes. Pins on
// the board, and other pins of the same images, are left out. Computed on each request, so
// ideas follow the board as pins are added.
import "server-only";
import type { IdeasResponse, Result } from "@/lib/contracts";
import { INTEREST_MERGE_HEIGHT, MAX_INTERESTS, interestsOf, mergeInterests } from "@/lib/embedding/interests";
import { dot, l2NormalizeInPlace, scoreOf } from "@/lib/embedding/vectors";
import { serverContext } from "./context";
import type { User } from "./auth";
import { visibleBoard } from "./boards";
import { withServingModel } from "./image-models";
import { toPin } from "./pins";

/** The board's most recently added pins that model its interests. */
const MODELLED_PINS = 200;

export interface IdeasOptions {
  /** "interests": the multi-interest method; "mean": one query at the board's mean vector (the baseline). */
  method?: "interests" | "mean";
  /** Ward merge height that splits the board into interests (evaluation sweeps it). */
  mergeHeight?: number;
}

export async function boardIdeas(
  boardId: string,
  viewer: User | null,
  k: number,
  { method = "interests", mergeHeight = INTEREST_MERGE_HEIGHT }: IdeasOptions = {},
): Promise<IdeasResponse & { interests: number }> {
  const start = performance.now();
  await visibleBoard(boardId, viewer);
  const { boards, pins: repository } = await serverContext();
  const seqs = await boards.recentPinSeqs(boardId, MODELLED_PINS);
  let interestCount = 0;
  const results = await withServingModel(async ({ embedder, vectors }) => {
    const pins = await repository.embeddingsOf(embedder.model, seqs);
    if (pins.length === 0) return [];
    const onBoard = new Set(pins.map((p) => p.imageSha256));
    // Enough candidates per query that k survive after the board's own pins are dropped.
    const wanted = k + seqs.length;
    const fresh = (hits: Awaited<ReturnType<typeof vectors.nearest>>): Result[] =>
      hits
        .filter((hit) => !onBoard.has(hit.record.imageSha256))
        .map((hit) => ({ id: hit.record.id, score: scoreOf(hit.similarity), pin: toPin(hit.record) }));
    if (method === "mean") {
      interestCount = 1;
      const mean = new Float32Array(embedder.dim);
      for (const { vector } of pins) vector.forEach((x, d) => (mean[d]! += x));
      return fresh(await vectors.nearest([l2NormalizeInPlace(mean)], wanted, {})).slice(0, k);
    }
    const interests = interestsOf(pins.length, (i, j) => 2 - 2 * dot(pins[i]!.vector, pins[j]!.vector), mergeHeight).slice(0, MAX_INTERESTS);
    interestCount = interests.length;
    const lists = await Promise.all(
      interests.map(async ({ medoid, weight }) => ({ weight, items: fresh(await vectors.nearest([pins[medoid]!.vector], wanted, {})) })),
    );
    return mergeInterests(lists, k, (result) => result.id);
  });
  return { results, tookMs: Math.round((performance.now() - start) * 10) / 10, interests: interestCount };
}
