import "server-only";
// The catalog as the browser's on-device index: the sign-bit code of every pin's vector in the
// student's space, with the pin itself so results draw without another request. Paged by seq,
// so a client that has a copy asks only for what was added since.
import type { CodesQuery, CodesResponse } from "@/lib/contracts";
import { signCode } from "@/lib/embedding/binary";
import { serverContext } from "./context";
import { toPin } from "./pins";

export async function catalogCodes(query: CodesQuery): Promise<CodesResponse> {
  const context = await serverContext();
  const { space: model, dim } = (await context.student()).response;
  const repository = context.pins;
  const vectors = [];
  for await (const batch of repository.streamEmbeddings(model, query.after === undefined ? 0n : BigInt(query.after))) {
    vectors.push(...batch.slice(0, query.limit - vectors.length));
    if (vectors.length >= query.limit) break;
  }
  const records = await repository.getPinsBySeq(vectors.map((v) => v.seq));
  const items = [];
  for (const { seq, vector } of vectors) {
    const record = records.get(seq);
    if (record) items.push({ code: Buffer.from(signCode(vector)).toString("base64"), pin: toPin(record) });
  }
  const last = vectors.at(-1);
  return { model, dim, through: last === undefined ? (query.after ?? null) : String(last.seq), items };
}
