// The vector index: its interface, the embedded usearch engine, the Qdrant adapter and how an index is opened.
export type { IndexEntry, IndexStats, Neighbor, VectorIndex } from "./types";
export { UsearchIndex, defaultTuning, type UsearchTuning } from "./usearch-index";
export { QdrantIndex } from "./qdrant-index";
export { openVectorIndex, type EmbeddingStream, type LivePins, type OpenVectorIndexOptions } from "./open";
