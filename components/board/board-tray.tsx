"use client";
// The board tray: the signed-in user's boards as drop targets, a new board made inline, and
// ideas for the board that last got a pin. A panel on the right on wide screens, a bottom
// sheet on phones.
import { useDroppable } from "@dnd-kit/core";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect } from "react";
import type { Board } from "@/lib/contracts";
import { boardQuery, myBoardsQuery } from "@/lib/client/board-queries";
import { getOnDeviceSearch } from "@/lib/client/on-device/search-client";
import { CloseIcon, LockIcon } from "@/components/ui/icons";
import { type BoardDropTarget, type LastDrop, useBoardWorkspace } from "./board-workspace";
import { CreateBoardForm } from "./create-board-form";
import { useSignedInUser } from "./use-board-actions";
import { useBoardIdeas } from "./use-board-ideas";

const TRAY_IDEAS = 6;

export function BoardTray({ onClose }: { onClose: () => void }) {
  const boards = useQuery(myBoardsQuery(true));
  const user = useSignedInUser();
  const { lastDrop } = useBoardWorkspace();
  // Fetch the catalog's codes while the user picks a pin, so the first drop's ideas are instant too.
  useEffect(() => {
    getOnDeviceSearch()
      .sync()
      .catch(() => undefined);
  }, []);
  return (
    <aside
      data-testid="board-tray"
      aria-label="Your boards"
      className="fixed inset-x-0 bottom-0 z-40 flex max-h-[50dvh] flex-col rounded-t-3xl bg-white shadow-[0_-4px_24px_rgba(0,0,0,0.15)] md:inset-x-auto md:top-16 md:right-0 md:bottom-0 md:max-h-none md:w-80 md:rounded-none md:rounded-l-3xl"
    >
      <div className="flex items-center justify-between px-4 pt-3 pb-2">
        <h2 className="text-base font-semibold text-neutral-900">Drag pins onto a board</h2>
        {user.data && (
          <Link href={`/u/${encodeURIComponent(user.data.id)}`} onClick={onClose} data-testid="tray-profile" className="ml-auto mr-1 text-sm font-medium text-neutral-700 underline">
            All boards
          </Link>
        )}
        <button type="button" onClick={onClose} aria-label="Close the board tray" data-testid="board-tray-close" className="rounded-full p-2 hover:bg-neutral-100">
          <CloseIcon />
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-3 pb-4">
        <CreateBoardForm compact />
        <ul className="mt-2 flex flex-col gap-1">
          {boards.data?.map((board) => (
            <li key={board.id}>
              <TrayBoard board={board} />
              {lastDrop?.board.id === board.id && <TrayIdeas drop={lastDrop} />}
            </li>
          ))}
        </ul>
        {boards.data?.length === 0 && <p className="px-2 py-4 text-sm text-neutral-500">Make your first board, then drag pins onto it.</p>}
      </div>
    </aside>
  );
}

function TrayBoard({ board }: { board: Board }) {
  const data: BoardDropTarget = { kind: "board", board };
  const { setNodeRef, isOver } = useDroppable({ id: `tray:${board.id}`, data });
  return (
    <div
      ref={setNodeRef}
      data-testid="tray-board"
      data-board-id={board.id}
      data-over={isOver || undefined}
      className={`flex items-center gap-3 rounded-2xl p-2 transition-colors ${isOver ? "bg-red-50 ring-2 ring-red-500" : "hover:bg-neutral-50"}`}
    >
      <div className="h-12 w-12 shrink-0 overflow-hidden rounded-xl bg-neutral-100">
        {board.coverUrls[0] && (
          // eslint-disable-next-line @next/next/no-img-element -- the server already serves sized thumbnails
          <img src={board.coverUrls[0]} alt="" className="h-full w-full object-cover" />
        )}
      </div>
      <Link href={`/boards/${encodeURIComponent(board.id)}`} className="min-w-0 flex-1">
        <span className="flex items-center gap-1 truncate text-sm font-semibold text-neutral-900">
          {board.name}
          {board.secret && <LockIcon width={14} height={14} aria-label="Secret" />}
        </span>
        <span className="text-xs text-neutral-500">
          {board.pinCount} {board.pinCount === 1 ? "pin" : "pins"}
        </span>
      </Link>
    </div>
  );
}

function TrayIdeas({ drop }: { drop: LastDrop }) {
  const board = useQuery(boardQuery(drop.board.id));
  const pinIds = [...new Set([drop.pin.id, ...(board.data?.pins.map((p) => p.id) ?? [])])];
  const ideas = useBoardIdeas(drop.board.id, pinIds, TRAY_IDEAS, { since: drop.at, version: board.data?.board.updatedAt });
  if (ideas.results.length === 0) return null;
  return (
    <div data-testid="tray-ideas" data-source={ideas.source} data-device-ms={ideas.deviceMs?.toFixed(0)} data-board-pins={pinIds.length} className="px-2 pt-1 pb-3">
      <p className="mb-1.5 text-xs font-medium text-neutral-600">More for {drop.board.name}</p>
      <ul className="grid grid-cols-3 gap-1.5">
        {ideas.results.map(({ id, pin }) => (
          <li key={id}>
            <Link href={`/pin/${encodeURIComponent(id)}`} data-testid="tray-idea" data-pin-id={id} className="block">
              {/* eslint-disable-next-line @next/next/no-img-element -- the server already serves sized thumbnails */}
              <img src={pin.thumbUrl} alt={pin.title} className="aspect-square w-full rounded-lg bg-neutral-100 object-cover" />
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
