"use client";
// Saving, moving and reordering pins on boards, each with its confirmation and undo; every
// entry point (Save button, drag onto the tray, drag within a board) goes through these.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";
import type { Board, Pin } from "@/lib/contracts";
import { friendlyErrorText } from "@/lib/client/api-error";
import { placePinMutation, removePinMutation, sessionQuery } from "@/lib/client/board-queries";
import { useToast } from "@/components/ui/toast";

const LAST_BOARD_KEY = "glimpse.lastBoardId";
const lastBoardListeners = new Set<() => void>();

/** The board the user saved to last, remembered across visits, so Save is one tap. */
export function useLastBoardId(): [string | null, (id: string) => void] {
  const id = useSyncExternalStore(
    (listener) => {
      lastBoardListeners.add(listener);
      return () => lastBoardListeners.delete(listener);
    },
    () => localStorage.getItem(LAST_BOARD_KEY),
    () => null,
  );
  const remember = useCallback((next: string) => {
    localStorage.setItem(LAST_BOARD_KEY, next);
    for (const listener of lastBoardListeners) listener();
  }, []);
  return [id, remember];
}

export function useSignedInUser() {
  return useQuery(sessionQuery());
}

export function useBoardActions() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const place = useMutation(placePinMutation(queryClient));
  const remove = useMutation(removePinMutation(queryClient));
  const [, rememberBoard] = useLastBoardId();
  const failed = useCallback((error: unknown) => toast({ message: friendlyErrorText(error).headline }), [toast]);

  const save = useCallback(
    async (pin: Pin, board: Pick<Board, "id" | "name">) => {
      rememberBoard(board.id);
      try {
        await place.mutateAsync({ boardId: board.id, pin });
        toast({
          message: `Saved to ${board.name}`,
          action: { label: "Undo", run: () => remove.mutate({ boardId: board.id, pinId: pin.id }, { onError: failed }) },
        });
      } catch (error) {
        failed(error);
      }
    },
    [place, remove, rememberBoard, toast, failed],
  );

  const move = useCallback(
    async (pin: Pin, from: string, to: Pick<Board, "id" | "name">) => {
      rememberBoard(to.id);
      try {
        await place.mutateAsync({ boardId: to.id, pin });
        await remove.mutateAsync({ boardId: from, pinId: pin.id });
        toast({
          message: `Moved to ${to.name}`,
          action: {
            label: "Undo",
            run: () =>
              void place
                .mutateAsync({ boardId: from, pin })
                .then(() => remove.mutateAsync({ boardId: to.id, pinId: pin.id }))
                .catch(failed),
          },
        });
      } catch (error) {
        failed(error);
      }
    },
    [place, remove, rememberBoard, toast, failed],
  );

  const reorder = useCallback(
    (boardId: string, pin: Pin, neighbours: { after?: string; before?: string }) =>
      place.mutate({ boardId, pin, ...neighbours }, { onError: failed }),
    [place, failed],
  );

  return { save, move, reorder };
}
