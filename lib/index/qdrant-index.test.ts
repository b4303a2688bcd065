// The Qdrant adapter runs the same contract as the embedded engine, against a real Qdrant
// server. None can run on the build machines, so this suite runs only when VECTOR_URL names
// one (and VECTOR_API_KEY where it asks for a key); otherwise it is reported as skipped.
import { randomBytes } from "node:crypto";
import { afterAll, describe } from "vitest";
import { vectorIndexContract } from "./contract-suite";
import { QdrantIndex } from "./qdrant-index";

const url = process.env.VECTOR_URL;
const made: QdrantIndex[] = [];

describe.skipIf(!url)(`QdrantIndex at ${url ?? "(VECTOR_URL not set: skipped)"}`, () => {
  vectorIndexContract({
    make: async (dim) => {
      const index = await QdrantIndex.open({ url: url!, apiKey: process.env.VECTOR_API_KEY, model: `contract-${randomBytes(6).toString("hex")}@1`, dim });
      made.push(index);
      return index;
    },
  });
  afterAll(async () => {
    await Promise.all(made.map((index) => index.drop()));
  });
});

