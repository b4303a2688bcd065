"use client";
// A user's boards: one's own (secret ones too, a new board made here, sign out), or someone
// else's public ones.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { myBoardsQuery, signOutMutation, userBoardsQuery } from "@/lib/client/board-queries";
import { buttonClass } from "@/components/ui/button";
import { ErrorMessage } from "@/components/ui/error-message";
import { BoardCard } from "./board-card";
import { CreateBoardForm } from "./create-board-form";
import { useSignedInUser } from "./use-board-actions";

export function ProfileView({ userId }: { userId: string }) {
  const user = useSignedInUser();
  const own = user.data?.id === userId;
  const mine = useQuery(myBoardsQuery(own));
  const theirs = useQuery({ ...userBoardsQuery(userId), enabled: !user.isPending && !own });
  const boards = own ? mine : theirs;
  const queryClient = useQueryClient();
  const router = useRouter();
  const signOut = useMutation(signOutMutation(queryClient));

  return (
    <div className="mx-auto max-w-5xl">
      <header className="mb-8 flex flex-col items-center gap-3 text-center">
        <span className="flex h-20 w-20 items-center justify-center rounded-full bg-neutral-800 text-3xl font-bold text-white uppercase">
          {own ? user.data!.name.charAt(0) : "·"}
        </span>
        <h1 data-testid="profile-name" className="text-3xl font-semibold text-neutral-900">
          {own ? user.data!.name : "Public boards"}
        </h1>
        {own && (
          <button type="button" data-testid="sign-out" className={buttonClass("secondary")} onClick={() => signOut.mutate(undefined, { onSuccess: () => router.push("/") })}>
            Sign out
          </button>
        )}
      </header>
      {own && (
        <div className="mx-auto mb-8 max-w-md">
          <CreateBoardForm onCreated={(board) => router.push(`/boards/${encodeURIComponent(board.id)}`)} />
        </div>
      )}
      {boards.isError && <ErrorMessage error={boards.error} onRetry={() => void boards.refetch()} />}
      {boards.data && boards.data.length === 0 && (
        <p className="py-10 text-center text-neutral-600">{own ? "No boards yet: make one above, then save pins to it." : "No public boards yet."}</p>
      )}
      <ul data-testid="board-list" className="grid grid-cols-2 gap-x-4 gap-y-8 sm:grid-cols-3 lg:grid-cols-4">
        {boards.data?.map((board) => (
          <li key={board.id}>
            <BoardCard board={board} />
          </li>
        ))}
      </ul>
    </div>
  );
}
