import "server-only";
// The catalog as the browser's on-device index: the sign-bit code of every pin's vector in the
// student's space, with the pin itself so results draw without another request. Changes are
// paged by seq, additions and deletions (tombstones) in one order, so a device that keeps a copy
// asks only for what changed since its cursor.
import type { CodesQuery, CodesResponse } from "@/lib/contracts";
import { signCode } from "@/lib/embedding/binary";
import { serverContext } from "./context";
import { toPin } from "./pins";

export async function catalogCodes(query: CodesQuery): Promise<CodesResponse> {
  const context = await serverContext();
  const { space: model, dim } = (await context.student()).response;
  const repository = context.pins;
  const after = query.after === undefined ? 0n : BigInt(query.after);
  const vectors = [];
  for await (const batch of repository.streamEmbeddings(model, after)) {
    vectors.push(...batch.slice(0, query.limit - vectors.length));
    if (vectors.length >= query.limit) break;
  }
  const deleted = await repository.deletedSince(after, query.limit);
  // A full list may go on past its last seq: the page ends where the first full list ends, so
  // no addition or deletion before the cursor is skipped.
  const ends = [vectors, deleted].filter((list) => list.length === query.limit).map((list) => list.at(-1)!.seq);
  const end = ends.length > 0 ? ends.reduce((a, b) => (a < b ? a : b)) : null;
  const within = <T extends { seq: bigint }>(list: T[]) => (end === null ? list : list.filter((x) => x.seq <= end));
  const added = within(vectors);
  const removed = within(deleted);
  const records = await repository.getPinsBySeq(added.map((v) => v.seq));
  const items = [];
  for (const { seq, vector } of added) {
    const record = records.get(seq);
    if (record) items.push({ code: Buffer.from(signCode(vector)).toString("base64"), pin: toPin(record) });
  }
  const through = end ?? [added.at(-1)?.seq ?? 0n, removed.at(-1)?.seq ?? 0n].reduce((a, b) => (a > b ? a : b), after);
  return {
    model,
    dim,
    through: through > 0n ? String(through) : null,
    items,
    removed: removed.map((r) => r.pinId),
    more: end !== null,
  };
}
