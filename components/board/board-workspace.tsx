"use client";
// Where pins are dragged onto boards: one drag-and-drop context around every page, the board
// tray that slides in (a side panel, a bottom sheet on phones) and the drop rules. A pin card
// dragged onto a board in the tray is saved there (moved, when it came from another board);
// dropped on a pin of its own board it takes that place. Mouse drags start after a few pixels,
// touch drags after a press (so the page still scrolls), and the keyboard works too.
import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  MeasuringStrategy,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Board, Pin } from "@/lib/contracts";
import { BoardTray } from "./board-tray";
import { useBoardActions, useSignedInUser } from "./use-board-actions";

/** What a draggable pin card carries. */
export interface DraggedPin {
  kind: "pin";
  pin: Pin;
  /** The board whose page the card is on (its order can change; a drop elsewhere moves it). */
  boardId?: string;
}

/** What a board in the tray carries. */
export interface BoardDropTarget {
  kind: "board";
  board: Board;
}

/** The last pin dropped on a board: the tray shows ideas for that board at once. */
export interface LastDrop {
  board: Board;
  pin: Pin;
  /** performance.now() at the drop, to time the on-device ideas. */
  at: number;
}

interface Workspace {
  signedIn: boolean;
  trayOpen: boolean;
  setTrayOpen: (open: boolean) => void;
  lastDrop: LastDrop | null;
}

const WorkspaceContext = createContext<Workspace>({ signedIn: false, trayOpen: false, setTrayOpen: () => {}, lastDrop: null });

export function useBoardWorkspace(): Workspace {
  return useContext(WorkspaceContext);
}

export function BoardWorkspace({ children }: { children: ReactNode }) {
  const user = useSignedInUser();
  const signedIn = Boolean(user.data);
  const [trayOpen, setTrayOpen] = useState(false);
  const [dragged, setDragged] = useState<Pin | null>(null);
  const [lastDrop, setLastDrop] = useState<LastDrop | null>(null);
  const { save, move, reorder } = useBoardActions();
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 8 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 300, tolerance: 8 } }),
    // Space picks a card up; Enter stays the link's, to open the pin.
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
      keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] },
    }),
  );

  const onDragStart = useCallback((event: DragStartEvent) => {
    const data = event.active.data.current as DraggedPin | undefined;
    if (data?.kind !== "pin") return;
    setDragged(data.pin);
    setTrayOpen(true);
  }, []);

  const onDragEnd = useCallback(
    ({ active, over }: DragEndEvent) => {
      setDragged(null);
      const from = active.data.current as DraggedPin | undefined;
      const to = over?.data.current as BoardDropTarget | DraggedPin | undefined;
      if (from?.kind !== "pin" || !to) return;
      if (to.kind === "board") {
        if (from.boardId === to.board.id) return;
        setLastDrop({ board: to.board, pin: from.pin, at: performance.now() });
        void (from.boardId ? move(from.pin, from.boardId, to.board) : save(from.pin, to.board));
        return;
      }
      // Dropped on a pin of the same board: take its place, before it when moving up.
      if (!from.boardId || to.boardId !== from.boardId || to.pin.id === from.pin.id) return;
      const order = (over!.data.current as { sortable?: { items: string[] } }).sortable?.items ?? [];
      const fromIndex = order.indexOf(String(active.id));
      const toIndex = order.indexOf(String(over!.id));
      reorder(from.boardId, from.pin, fromIndex > toIndex ? { before: to.pin.id } : { after: to.pin.id });
    },
    [move, save, reorder],
  );

  const showTray = signedIn && trayOpen;
  useEffect(() => {
    // globals.css narrows the page on wide screens while the tray is open.
    if (showTray) document.documentElement.dataset.boardTray = "open";
    else delete document.documentElement.dataset.boardTray;
  }, [showTray]);

  const workspace = useMemo(() => ({ signedIn, trayOpen, setTrayOpen, lastDrop }), [signedIn, trayOpen, lastDrop]);
  return (
    <WorkspaceContext.Provider value={workspace}>
      <DndContext
        sensors={sensors}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragged(null)}
        // The tray can open as a drag begins: measure its boards while dragging.
        measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
        accessibility={{
          screenReaderInstructions: {
            draggable: "To pick up a pin, press space or enter. Use the arrow keys to move it onto a board or another pin, then press space or enter to drop it, or escape to cancel.",
          },
        }}
      >
        {children}
        {showTray && <BoardTray onClose={() => setTrayOpen(false)} />}
        <DragOverlay dropAnimation={null}>
          {dragged && (
            // eslint-disable-next-line @next/next/no-img-element -- the server already serves sized thumbnails
            <img
              src={dragged.thumbUrl}
              alt=""
              data-testid="drag-overlay"
              className="w-28 rotate-3 rounded-2xl bg-neutral-100 shadow-2xl ring-2 ring-white"
              style={{ aspectRatio: `${dragged.width || 1} / ${dragged.height || 1}` }}
            />
          )}
        </DragOverlay>
      </DndContext>
    </WorkspaceContext.Provider>
  );
}
