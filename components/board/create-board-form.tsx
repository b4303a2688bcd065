"use client";
// Makes a board: a name, and whether it is secret. Used in the tray, the Save picker and the
// profile page; `onCreated` lets the caller use the new board at once (e.g. save to it).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Board } from "@/lib/contracts";
import { friendlyErrorText } from "@/lib/client/api-error";
import { createBoardMutation } from "@/lib/client/board-queries";
import { buttonClass } from "@/components/ui/button";

export function CreateBoardForm({ compact = false, onCreated }: { compact?: boolean; onCreated?: (board: Board) => void }) {
  const queryClient = useQueryClient();
  const create = useMutation(createBoardMutation(queryClient));
  const [name, setName] = useState("");
  const [secret, setSecret] = useState(false);
  return (
    <form
      data-testid="create-board-form"
      className={compact ? "flex flex-col gap-2 rounded-2xl bg-neutral-50 p-2" : "flex flex-col gap-3"}
      onSubmit={(event) => {
        event.preventDefault();
        if (!name.trim()) return;
        create.mutate(
          { name: name.trim(), secret },
          {
            onSuccess: ({ board }) => {
              setName("");
              setSecret(false);
              onCreated?.(board);
            },
          },
        );
      }}
    >
      <div className="flex gap-2">
        <input
          data-testid="new-board-name"
          aria-label="New board name"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          placeholder="New board, e.g. Kitchen ideas"
          className="h-10 min-w-0 flex-1 rounded-full border border-neutral-300 bg-white px-4 text-sm focus:border-neutral-500 focus:outline-none"
        />
        <button type="submit" data-testid="create-board" disabled={!name.trim() || create.isPending} className={buttonClass("primary", "shrink-0")}>
          Create
        </button>
      </div>
      <label className="flex items-center gap-2 px-2 text-xs text-neutral-700">
        <input type="checkbox" data-testid="new-board-secret" checked={secret} onChange={(e) => setSecret(e.target.checked)} />
        Keep it secret (only you can see it)
      </label>
      {create.isError && (
        <p role="alert" className="px-2 text-xs text-red-700">
          {friendlyErrorText(create.error).headline}
        </p>
      )}
    </form>
  );
}
