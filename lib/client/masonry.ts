// Pinterest-style column layout: each card goes to the column that is shortest so far.
// Heights come from the pins' known aspect ratios, so the layout is settled before any
// image loads and appending a page never moves the cards already placed.

export const COLUMN_WIDTH = 236;
export const GUTTER = 16;
export const MIN_COLUMNS = 2;

export function columnCountFor(containerWidth: number, maxColumns = 8): number {
  const fits = Math.floor((containerWidth + GUTTER) / (COLUMN_WIDTH + GUTTER));
  return Math.min(maxColumns, Math.max(MIN_COLUMNS, fits));
}

/** Extreme shapes are shown letterboxed in a tile of at most 1:2 (or 2:1), as a feed does. */
export function tileAspect(width: number, height: number): number {
  const aspect = width > 0 && height > 0 ? height / width : 1;
  return Math.min(2, Math.max(0.5, aspect));
}

export interface MasonryItem {
  width: number;
  height: number;
  /** Space under the image (title, badges) in pixels. */
  footer: number;
}

/** Indices of `items` per column, in order. */
export function assignColumns(items: readonly MasonryItem[], columns: number, columnWidth: number): number[][] {
  const lanes: number[][] = Array.from({ length: columns }, () => []);
  const heights = new Array<number>(columns).fill(0);
  items.forEach((item, index) => {
    let shortest = 0;
    for (let c = 1; c < columns; c++) if ((heights[c] ?? 0) < (heights[shortest] ?? 0)) shortest = c;
    heights[shortest] = (heights[shortest] ?? 0) + columnWidth * tileAspect(item.width, item.height) + item.footer + GUTTER;
    lanes[shortest]?.push(index);
  });
  return lanes;
}

export interface Placement {
  column: number;
  y: number;
}

/**
 * Where each card sits, given the columns it was assigned to and the heights the cards really
 * have (measured, or estimated until they are): stacked down their column, GUTTER apart. The
 * cards can then be laid out in rank order in the page, so keyboard and screen-reader order
 * follow the ranking across columns rather than down the first column.
 */
export function placeCards(lanes: readonly number[][], heights: readonly number[]): { placements: Placement[]; height: number } {
  const placements: Placement[] = [];
  let height = 0;
  lanes.forEach((lane, column) => {
    let y = 0;
    for (const index of lane) {
      placements[index] = { column, y };
      y += (heights[index] ?? 0) + GUTTER;
    }
    height = Math.max(height, y - GUTTER);
  });
  return { placements, height: Math.max(0, height) };
}
