// Grey placeholder tiles of varied heights, shown while the first page of a grid loads.
const heights = [320, 220, 280, 360, 240, 300, 200, 340, 260, 310, 230, 290];

export function GridSkeleton({ count = 12, label = "Loading pins" }: { count?: number; label?: string }) {
  return (
    <div
      data-testid="grid-skeleton"
      role="status"
      aria-label={label}
      className="columns-2 gap-4 sm:columns-[236px]"
    >
      {heights.slice(0, count).map((height, i) => (
        <div
          key={i}
          className="mb-4 animate-pulse break-inside-avoid rounded-2xl bg-neutral-200"
          style={{ height: Math.round(height * 0.75), animationDelay: `${(i % 4) * 120}ms` }}
        />
      ))}
    </div>
  );
}
