// The Accounts and Boards reads and writes, as TanStack Query option factories (the rest of
// the API is in queries.ts). Moves are optimistic: the board's cached order changes at once
// and is put back if the server refuses.
import "client-only";
import { mutationOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  BoardListResponse,
  BoardPinsResponse,
  BoardResponse,
  IdeasResponse,
  type Pin,
  SessionResponse,
  SessionUser,
} from "@/lib/contracts";
import { fetchJson } from "./fetch-json";

const IDEAS_K = 20;

export const boardKeys = {
  session: ["session"] as const,
  boards: ["boards"] as const,
  mine: () => [...boardKeys.boards, "mine"] as const,
  ofUser: (userId: string) => [...boardKeys.boards, "user", userId] as const,
  board: (id: string) => [...boardKeys.boards, "detail", id] as const,
  ideas: (id: string, k: number, pins: string, version: string) => [...boardKeys.boards, "detail", id, "ideas", k, pins, version] as const,
};

const jsonInit = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: body === undefined ? undefined : JSON.stringify(body),
});

export function sessionQuery() {
  return queryOptions({
    queryKey: boardKeys.session,
    queryFn: ({ signal }) => fetchJson("/api/auth/get-session", SessionResponse, { signal }),
    select: (session) => session?.user ?? null,
    staleTime: 5 * 60_000,
  });
}

const SignedIn = z.object({ user: SessionUser });

export interface Credentials {
  name?: string;
  email: string;
  password: string;
}

export function signInMutation(queryClient: QueryClient, mode: "sign-in" | "sign-up") {
  return mutationOptions({
    mutationKey: ["session", mode],
    mutationFn: (credentials: Credentials) => fetchJson(`/api/auth/${mode}/email`, SignedIn, jsonInit("POST", credentials)),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: boardKeys.boards });
      await queryClient.invalidateQueries({ queryKey: boardKeys.session });
    },
  });
}

export function signOutMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationKey: ["session", "sign-out"],
    mutationFn: () => fetchJson("/api/auth/sign-out", z.unknown(), jsonInit("POST", {})),
    onSuccess: async () => {
      queryClient.setQueryData(boardKeys.session, null);
      queryClient.removeQueries({ queryKey: boardKeys.boards });
    },
  });
}

export function myBoardsQuery(enabled: boolean) {
  return queryOptions({
    queryKey: boardKeys.mine(),
    queryFn: ({ signal }) => fetchJson("/api/boards", BoardListResponse, { signal }),
    select: (data) => data.boards,
    enabled,
  });
}

export function userBoardsQuery(userId: string) {
  return queryOptions({
    queryKey: boardKeys.ofUser(userId),
    queryFn: ({ signal }) => fetchJson(`/api/boards?user=${encodeURIComponent(userId)}`, BoardListResponse, { signal }),
    select: (data) => data.boards,
  });
}

export function boardQuery(id: string) {
  return queryOptions({
    queryKey: boardKeys.board(id),
    queryFn: ({ signal }) => fetchJson(`/api/boards/${encodeURIComponent(id)}`, BoardPinsResponse, { signal }),
  });
}

/** `pins` names the board's pins as the page knows them, so ideas are asked again when they change. */
/** Ideas for board `id` holding `pins`, as the server's board stood at `version` (its updatedAt). */
export function boardIdeasQuery(id: string, pins: string, k = IDEAS_K, version = "") {
  return queryOptions({
    queryKey: boardKeys.ideas(id, k, pins, version),
    queryFn: ({ signal }) => fetchJson(`/api/boards/${encodeURIComponent(id)}/ideas?k=${k}`, IdeasResponse, { signal }),
    // Keep showing the last ideas while fresher ones load: the grid is replaced, never emptied.
    placeholderData: (previous) => previous,
  });
}

export interface BoardFields {
  name: string;
  description?: string;
  secret?: boolean;
}

export function createBoardMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationKey: ["boards", "create"],
    mutationFn: (fields: BoardFields) => fetchJson("/api/boards", BoardResponse, jsonInit("POST", fields)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: boardKeys.boards }),
  });
}

export function updateBoardMutation(queryClient: QueryClient, id: string) {
  return mutationOptions({
    mutationKey: ["boards", "update", id],
    mutationFn: (fields: Partial<BoardFields>) => fetchJson(`/api/boards/${encodeURIComponent(id)}`, BoardResponse, jsonInit("PATCH", fields)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: boardKeys.boards }),
  });
}

export function deleteBoardMutation(queryClient: QueryClient, id: string) {
  return mutationOptions({
    mutationKey: ["boards", "delete", id],
    mutationFn: () => fetchJson(`/api/boards/${encodeURIComponent(id)}`, z.unknown(), { method: "DELETE" }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: boardKeys.board(id) });
      return queryClient.invalidateQueries({ queryKey: boardKeys.boards });
    },
  });
}

/** Add a pin to a board, or move it there: after one pin, before another, or first. */
export interface Placement {
  boardId: string;
  pin: Pin;
  after?: string;
  before?: string;
}

/** The board's pins with `pin` placed as asked (what the server will store). */
export function placedOrder(pins: readonly Pin[], { pin, after, before }: Omit<Placement, "boardId">): Pin[] {
  const rest = pins.filter((p) => p.id !== pin.id);
  if (after === undefined && before === undefined) return pins.some((p) => p.id === pin.id) ? [...pins] : [pin, ...rest];
  const at = after !== undefined ? rest.findIndex((p) => p.id === after) + 1 : rest.findIndex((p) => p.id === before);
  return [...rest.slice(0, at), pin, ...rest.slice(at)];
}

/**
 * The cache side of a change to a board's pins: the cached board shows `change` at once, goes
 * back if the server refuses, and is fetched again either way.
 */
function optimisticBoardChange<V extends { boardId: string }>(queryClient: QueryClient, change: (pins: Pin[], variables: V) => Pin[]) {
  return {
    onMutate: async (variables: V) => {
      const key = boardKeys.board(variables.boardId);
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<BoardPinsResponse>(key);
      if (previous) queryClient.setQueryData(key, { ...previous, pins: change(previous.pins, variables) });
      return { previous };
    },
    onError: (_error: unknown, { boardId }: V, context: { previous?: BoardPinsResponse } | undefined) => {
      if (context?.previous) queryClient.setQueryData(boardKeys.board(boardId), context.previous);
    },
    onSettled: (_data: unknown, _error: unknown, { boardId }: V) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: boardKeys.board(boardId) }),
        queryClient.invalidateQueries({ queryKey: boardKeys.mine() }),
      ]),
  };
}

export function placePinMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationKey: ["boards", "place"],
    mutationFn: ({ boardId, pin, after, before }: Placement) =>
      fetchJson(`/api/boards/${encodeURIComponent(boardId)}/pins`, BoardResponse, jsonInit("POST", { pinId: pin.id, after, before })),
    ...optimisticBoardChange<Placement>(queryClient, placedOrder),
  });
}

export function removePinMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationKey: ["boards", "remove"],
    mutationFn: ({ boardId, pinId }: { boardId: string; pinId: string }) =>
      fetchJson(`/api/boards/${encodeURIComponent(boardId)}/pins/${encodeURIComponent(pinId)}`, z.unknown(), { method: "DELETE" }),
    ...optimisticBoardChange<{ boardId: string; pinId: string }>(queryClient, (pins, { pinId }) => pins.filter((p) => p.id !== pinId)),
  });
}
