// A board on a profile: a collage of its first pins (one large, two small), name and count.
import Link from "next/link";
import type { Board } from "@/lib/contracts";
import { LockIcon } from "@/components/ui/icons";

export function BoardCard({ board }: { board: Board }) {
  const [first, second, third] = board.coverUrls;
  const tile = (src: string | undefined, className: string) => (
    <div className={`overflow-hidden bg-neutral-200 ${className}`}>
      {/* eslint-disable-next-line @next/next/no-img-element -- the server already serves sized thumbnails */}
      {src && <img src={src} alt="" loading="lazy" className="h-full w-full object-cover" />}
    </div>
  );
  return (
    <Link
      href={`/boards/${encodeURIComponent(board.id)}`}
      data-testid="board-card"
      data-board-id={board.id}
      className="group block rounded-2xl focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
    >
      <div className="grid aspect-[3/2] grid-cols-3 grid-rows-2 gap-0.5 overflow-hidden rounded-2xl transition-opacity group-hover:opacity-90">
        {tile(first, "col-span-2 row-span-2")}
        {tile(second, "")}
        {tile(third, "")}
      </div>
      <p className="mt-2 flex items-center gap-1.5 px-1 text-base font-semibold text-neutral-900">
        <span className="truncate">{board.name}</span>
        {board.secret && <LockIcon width={16} height={16} aria-label="Secret board" data-testid="board-secret-badge" />}
      </p>
      <p className="px-1 text-xs text-neutral-600">
        {board.pinCount} {board.pinCount === 1 ? "pin" : "pins"}
      </p>
    </Link>
  );
}
