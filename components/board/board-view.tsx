"use client";
// A board's page: its pins in the owner's order (the owner reorders them by dragging, or with
// the keyboard: space, arrows, space), its settings for the owner, and ideas for it.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { boardQuery } from "@/lib/client/board-queries";
import { MasonryGrid } from "@/components/pin/masonry-grid";
import { GridSkeleton } from "@/components/pin/grid-skeleton";
import { buttonClass } from "@/components/ui/button";
import { ErrorMessage } from "@/components/ui/error-message";
import { LockIcon } from "@/components/ui/icons";
import { BoardIdeasSection } from "./board-ideas-section";
import { BoardSettings } from "./board-settings";
import { useSignedInUser } from "./use-board-actions";

export function BoardView({ id }: { id: string }) {
  const board = useQuery(boardQuery(id));
  const user = useSignedInUser();
  const [editing, setEditing] = useState(false);
  if (board.isPending) return <GridSkeleton />;
  if (board.isError) return <ErrorMessage error={board.error} onRetry={() => void board.refetch()} className="mt-16" />;
  const { board: info, pins } = board.data;
  const owner = user.data?.id === info.ownerId;
  return (
    <div>
      <header className="mx-auto mb-8 flex max-w-2xl flex-col items-center gap-2 text-center">
        <h1 data-testid="board-name" className="flex items-center gap-2 text-3xl font-semibold text-neutral-900">
          {info.name}
          {info.secret && <LockIcon width={22} height={22} aria-label="Secret board" data-testid="board-secret-badge" />}
        </h1>
        {info.description && <p className="text-neutral-700">{info.description}</p>}
        <p className="text-sm text-neutral-600">
          <span data-testid="board-pin-count">{pins.length}</span> {pins.length === 1 ? "pin" : "pins"}
          {owner && pins.length > 1 && " · drag to reorder"}
        </p>
        {owner && (
          <button type="button" data-testid="edit-board" className={buttonClass("secondary")} onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
            Edit board
          </button>
        )}
        {owner && editing && <BoardSettings board={info} onDone={() => setEditing(false)} />}
      </header>
      {pins.length === 0 ? (
        <div className="py-10 text-center text-neutral-600">
          <p>Nothing here yet.</p>
          <p className="mt-1 text-sm">
            Save pins with their Save button, or open the board tray and drag pins onto this board.{" "}
            <Link href="/" className="font-semibold underline">
              Browse pins
            </Link>
          </p>
        </div>
      ) : (
        <MasonryGrid entries={pins.map((pin) => ({ pin }))} testId="board-grid" boardId={owner ? info.id : undefined} />
      )}
      {pins.length > 0 && <BoardIdeasSection boardId={info.id} pinIds={pins.map((p) => p.id)} />}
    </div>
  );
}
