"use client";
// Save a pin to a board in one tap: "Save" goes to the board used last; the arrow beside it
// opens the picker (every board, and a new one made on the spot). Visitors are sent to sign in.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { Board, Pin } from "@/lib/contracts";
import { myBoardsQuery } from "@/lib/client/board-queries";
import { ChevronDownIcon, LockIcon } from "@/components/ui/icons";
import { CreateBoardForm } from "./create-board-form";
import { useBoardActions, useLastBoardId, useSignedInUser } from "./use-board-actions";

const pill = "inline-flex h-9 items-center rounded-full text-sm font-semibold shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

export function SaveButton({ pin, variant = "full" }: { pin: Pin; variant?: "overlay" | "full" }) {
  const user = useSignedInUser();
  const pathname = usePathname();
  const signedIn = Boolean(user.data);
  const boards = useQuery(myBoardsQuery(signedIn));
  const [lastBoardId] = useLastBoardId();
  const { save } = useBoardActions();
  const [picking, setPicking] = useState(false);
  const lastBoard = boards.data?.find((b) => b.id === lastBoardId) ?? null;

  if (!signedIn) {
    return (
      <Link href={`/sign-in?next=${encodeURIComponent(pathname)}`} data-testid="save-pin" className={`${pill} bg-red-600 px-4 text-white hover:bg-red-700`}>
        Save
      </Link>
    );
  }
  return (
    <div className="relative flex items-center gap-1" data-testid="save-control">
      {variant === "full" || lastBoard ? (
        // On a card, the board's name shows only where there is hover room; a phone gets Save alone.
        <button
          type="button"
          data-testid="save-picker-toggle"
          aria-expanded={picking}
          aria-haspopup="dialog"
          onClick={() => setPicking((open) => !open)}
          className={`${pill} max-w-40 gap-1 bg-white/95 px-3 text-neutral-900 hover:bg-neutral-100 ${variant === "overlay" ? "[@media(hover:none)]:hidden" : ""}`}
        >
          <span className="truncate">{lastBoard?.name ?? "Choose a board"}</span>
          <ChevronDownIcon width={16} height={16} />
        </button>
      ) : null}
      <button
        type="button"
        data-testid="save-pin"
        onClick={() => (lastBoard ? void save(pin, lastBoard) : setPicking(true))}
        // On a card on a phone the button is always shown, so it stays small there.
        className={`${pill} bg-red-600 px-4 text-white hover:bg-red-700 ${variant === "overlay" ? "[@media(hover:none)]:h-8 [@media(hover:none)]:px-3 [@media(hover:none)]:text-xs" : ""}`}
      >
        Save
      </button>
      {picking && (
        <BoardPicker
          boards={boards.data ?? []}
          onPick={(board) => {
            setPicking(false);
            void save(pin, board);
          }}
          onClose={() => setPicking(false)}
        />
      )}
    </div>
  );
}

function BoardPicker({ boards, onPick, onClose }: { boards: Board[]; onPick: (board: Board) => void; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const outside = (event: PointerEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) onClose();
    };
    const escape = (event: KeyboardEvent) => event.key === "Escape" && onClose();
    document.addEventListener("pointerdown", outside);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("pointerdown", outside);
      document.removeEventListener("keydown", escape);
    };
  }, [onClose]);
  return (
    <div
      ref={ref}
      role="dialog"
      aria-label="Save to a board"
      data-testid="board-picker"
      className="absolute top-11 right-0 z-40 w-72 rounded-2xl bg-white p-2 text-left shadow-[0_4px_24px_rgba(0,0,0,0.2)]"
    >
      <p className="px-2 py-1 text-center text-sm font-semibold text-neutral-900">Save to board</p>
      <ul className="max-h-64 overflow-y-auto">
        {boards.map((board) => (
          <li key={board.id}>
            <button
              type="button"
              data-testid="picker-board"
              data-board-id={board.id}
              onClick={() => onPick(board)}
              className="flex w-full items-center gap-3 rounded-xl p-2 text-left hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-blue-600"
            >
              <span className="h-10 w-10 shrink-0 overflow-hidden rounded-lg bg-neutral-100">
                {board.coverUrls[0] && (
                  // eslint-disable-next-line @next/next/no-img-element -- the server already serves sized thumbnails
                  <img src={board.coverUrls[0]} alt="" className="h-full w-full object-cover" />
                )}
              </span>
              <span className="min-w-0 flex-1 truncate text-sm font-medium text-neutral-900">{board.name}</span>
              {board.secret && <LockIcon width={14} height={14} aria-label="Secret" />}
            </button>
          </li>
        ))}
      </ul>
      <div className="mt-2 border-t border-neutral-100 pt-2">
        <CreateBoardForm compact onCreated={onPick} />
      </div>
    </div>
  );
}
