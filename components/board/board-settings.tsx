"use client";
// The owner's board settings: name, description, secret, and deleting the board.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Board } from "@/lib/contracts";
import { deleteBoardMutation, updateBoardMutation } from "@/lib/client/board-queries";
import { buttonClass } from "@/components/ui/button";
import { ErrorMessage } from "@/components/ui/error-message";

const field = "w-full rounded-xl border border-neutral-300 px-3 py-2 text-sm focus:border-neutral-500 focus:outline-none";

export function BoardSettings({ board, onDone }: { board: Board; onDone: () => void }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const update = useMutation(updateBoardMutation(queryClient, board.id));
  const remove = useMutation(deleteBoardMutation(queryClient, board.id));
  const [name, setName] = useState(board.name);
  const [description, setDescription] = useState(board.description);
  const [secret, setSecret] = useState(board.secret);
  return (
    <form
      data-testid="board-settings"
      className="mt-2 flex w-full max-w-md flex-col gap-3 rounded-2xl bg-neutral-50 p-4 text-left"
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate({ name: name.trim(), description: description.trim(), secret }, { onSuccess: onDone });
      }}
    >
      <label className="text-sm font-medium text-neutral-800">
        Name
        <input data-testid="board-settings-name" className={field} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="text-sm font-medium text-neutral-800">
        Description
        <textarea data-testid="board-settings-description" className={field} rows={2} maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label className="flex items-center gap-2 text-sm text-neutral-800">
        <input type="checkbox" data-testid="board-settings-secret" checked={secret} onChange={(e) => setSecret(e.target.checked)} />
        Secret: only you can see this board
      </label>
      <div className="flex items-center justify-between gap-2">
        <button
          type="button"
          data-testid="delete-board"
          className={buttonClass("ghost", "text-red-700")}
          onClick={() => {
            if (window.confirm(`Delete the board "${board.name}"? Its pins stay in Glimpse.`)) {
              remove.mutate(undefined, { onSuccess: () => router.push(`/u/${encodeURIComponent(board.ownerId)}`) });
            }
          }}
        >
          Delete board
        </button>
        <button type="submit" data-testid="board-settings-save" disabled={update.isPending} className={buttonClass("primary")}>
          Save changes
        </button>
      </div>
      {(update.isError || remove.isError) && <ErrorMessage error={update.error ?? remove.error} />}
    </form>
  );
}
