"use client";
// Lays pins out in ~236 px columns, each card in the currently shortest column; the
// column count follows the container's width (never fewer than two, as on Pinterest).
import { SortableContext } from "@dnd-kit/sortable";
import { useLayoutEffect, useMemo, useRef, useState } from "react";
import type { Pin } from "@/lib/contracts";
import { assignColumns, columnCountFor, GUTTER } from "@/lib/client/masonry";
import { BoardPinCard, PinCard, pinCardFooterHeight } from "./pin-card";

// Cards stay where they are while one is dragged (a masonry cannot shift like a list); the
// drop decides the new place and the layout follows.
const stayInPlace = () => null;

export interface GridEntry {
  pin: Pin;
  score?: number;
}

function useContainerWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

export function MasonryGrid({
  entries,
  testId,
  maxColumns,
  boardId,
}: {
  entries: readonly GridEntry[];
  testId: string;
  maxColumns?: number;
  /** On a board's page (for its owner): the cards reorder the board when dropped on each other. */
  boardId?: string;
}) {
  const { ref, width } = useContainerWidth();
  const columns = width > 0 ? columnCountFor(width, maxColumns) : 0;
  const columnWidth = columns > 0 ? (width - GUTTER * (columns - 1)) / columns : 0;
  const lanes = useMemo(
    () =>
      columns > 0
        ? assignColumns(
            entries.map(({ pin }) => ({ width: pin.width, height: pin.height, footer: pinCardFooterHeight(pin) })),
            columns,
            columnWidth,
          )
        : [],
    [entries, columns, columnWidth],
  );

  const grid = (
    <div ref={ref} data-testid={testId} data-columns={columns} className="w-full">
      <div className="flex items-start" style={{ gap: GUTTER }}>
        {lanes.map((lane, c) => (
          <div key={c} className="flex min-w-0 flex-1 flex-col" style={{ gap: GUTTER }}>
            {lane.map((index) => {
              const entry = entries[index];
              if (!entry) return null;
              return boardId ? (
                <BoardPinCard key={entry.pin.id} pin={entry.pin} boardId={boardId} />
              ) : (
                <PinCard key={entry.pin.id} pin={entry.pin} score={entry.score} dragId={`${testId}:${entry.pin.id}`} />
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
  if (!boardId) return grid;
  return (
    <SortableContext items={entries.map((e) => e.pin.id)} strategy={stayInPlace}>
      {grid}
    </SortableContext>
  );
}
