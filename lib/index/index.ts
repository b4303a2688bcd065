// The vector index: its interface, the embedded usearch engine and how an index is opened.
export type { IndexStats, Neighbor, VectorIndex } from "./types";
export { UsearchIndex, defaultTuning, type UsearchTuning } from "./usearch-index";
export { openVectorIndex, type EmbeddingStream, type LivePins, type OpenVectorIndexOptions, type StoredVector } from "./open";
