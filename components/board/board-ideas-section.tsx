"use client";
// "More ideas for this board" under a board: the device's suggestions first, the server's
// ideas in their place when they come, never an empty grid in between.
import { MasonryGrid } from "@/components/pin/masonry-grid";
import { useBoardIdeas } from "./use-board-ideas";

const IDEAS_K = 20;

export function BoardIdeasSection({ boardId, pinIds }: { boardId: string; pinIds: string[] }) {
  const ideas = useBoardIdeas(boardId, pinIds, IDEAS_K);
  if (ideas.results.length === 0) return null;
  return (
    <section aria-labelledby="board-ideas-heading" data-testid="board-ideas" data-source={ideas.source} className="mt-16">
      <h2 id="board-ideas-heading" className="mb-4 text-center text-xl font-semibold text-neutral-900">
        More ideas for this board
      </h2>
      <MasonryGrid entries={ideas.results.map((r) => ({ pin: r.pin, score: r.score }))} testId="board-ideas-grid" />
    </section>
  );
}
