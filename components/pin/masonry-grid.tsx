"use client";
// Lays pins out in ~236 px columns, each card in the currently shortest column; the
// column count follows the container's width (never fewer than two, as on Pinterest). Cards
// are in the page in rank order, so Tab and screen readers go through them best first, across
// the columns; their real heights are measured as they render. Each card sits in its column of
// a CSS grid's one row, moved down (relative top) to its place in the column.
import { SortableContext } from "@dnd-kit/sortable";
import { useCallback, useMemo, useRef, useState } from "react";
import type { Pin } from "@/lib/contracts";
import { assignColumns, COLUMN_WIDTH, columnCountFor, GUTTER, placeCards, tileAspect } from "@/lib/client/masonry";
import { BoardPinCard, PinCard, pinCardFooterHeight } from "./pin-card";

// Cards stay where they are while one is dragged (a masonry cannot shift like a list); the
// drop decides the new place and the layout follows.
const stayInPlace = () => null;

export interface GridEntry {
  pin: Pin;
  score?: number;
}

/**
 * The grid's width, from whichever element is mounted now: a callback ref, because the grid
 * element is replaced when it gains or loses its sortable wrapper (a board's owner is known
 * only once the session loads), and a detached element reports a width of 0.
 */
function useContainerWidth() {
  const [width, setWidth] = useState(0);
  const ref = useCallback((element: HTMLDivElement | null) => {
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

/** Cards' rendered heights by pin id, from one ResizeObserver per grid. */
function useMeasuredHeights() {
  const [heights, setHeights] = useState<ReadonlyMap<string, number>>(new Map());
  const observer = useRef<ResizeObserver | null>(null);
  const observe = useCallback((element: HTMLElement | null) => {
    if (!element) return;
    observer.current ??= new ResizeObserver((entries) => {
      setHeights((previous) => {
        let next: Map<string, number> | null = null;
        for (const entry of entries) {
          const id = (entry.target as HTMLElement).dataset.masonryItem;
          const height = Math.round(entry.borderBoxSize[0]?.blockSize ?? entry.contentRect.height);
          if (!id || previous.get(id) === height) continue;
          next ??= new Map(previous);
          next.set(id, height);
        }
        return next ?? previous;
      });
    });
    const current = observer.current;
    current.observe(element);
    return () => current.unobserve(element);
  }, []);
  return { heights, observe };
}

export function MasonryGrid({
  entries,
  testId,
  maxColumns,
  boardId,
  eagerCount = 0,
}: {
  entries: readonly GridEntry[];
  testId: string;
  maxColumns?: number;
  /** On a board's page (for its owner): the cards reorder the board when dropped on each other. */
  boardId?: string;
  /** The first cards' pictures load at once, at high priority (the first screen's largest paint). */
  eagerCount?: number;
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

  const { heights, observe } = useMeasuredHeights();
  const { placements, height } = placeCards(
    lanes,
    entries.map(({ pin }) => heights.get(pin.id) ?? columnWidth * tileAspect(pin.width, pin.height) + pinCardFooterHeight(pin)),
  );

  // Until the grid's width is known (the server's HTML, before the page's script runs), the
  // first screen's cards flow through the same grid in rank order, so their pictures paint
  // without waiting for the script. The masonry then only moves those same boxes (relative
  // position in both phases): the browser keeps their painted pictures, which a switch to
  // absolute positions would paint anew (a later largest contentful paint).
  const laidOut = columns > 0;
  const shown = laidOut ? entries : entries.slice(0, eagerCount);
  const grid = (
    <div
      ref={ref}
      data-testid={testId}
      data-columns={columns}
      className="grid w-full items-start"
      style={{
        columnGap: GUTTER,
        rowGap: laidOut ? 0 : GUTTER,
        gridTemplateColumns: laidOut
          ? `repeat(${columns}, minmax(0, 1fr))`
          : `repeat(auto-fill, minmax(min(${COLUMN_WIDTH}px, calc(50% - ${GUTTER / 2}px)), 1fr))`,
        height: laidOut ? height : undefined,
      }}
    >
      {shown.map((entry, index) => {
        const at = placements[index];
        if (laidOut && !at) return null;
        return (
          <div
            key={entry.pin.id}
            ref={observe}
            data-masonry-item={entry.pin.id}
            // top rather than a transform: a transform would trap a card's Save picker under
            // the cards after it.
            className="relative"
            style={at ? { gridRow: 1, gridColumn: at.column + 1, top: at.y } : undefined}
          >
            {boardId ? (
              <BoardPinCard pin={entry.pin} boardId={boardId} />
            ) : (
              <PinCard pin={entry.pin} score={entry.score} dragId={`${testId}:${entry.pin.id}`} eager={index < eagerCount} />
            )}
          </div>
        );
      })}
    </div>
  );
  if (!boardId) return grid;
  return (
    <SortableContext items={entries.map((e) => e.pin.id)} strategy={stayInPlace}>
      {grid}
    </SortableContext>
  );
}
