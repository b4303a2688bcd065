"use client";
// The header's account corner: "Sign in" for visitors; for a signed-in user, the board tray
// toggle and their initial, which leads to their boards.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { BoardsIcon, PersonIcon } from "@/components/ui/icons";
import { useBoardWorkspace } from "@/components/board/board-workspace";
import { useSignedInUser } from "@/components/board/use-board-actions";

export function UserMenu() {
  const user = useSignedInUser();
  const { trayOpen, setTrayOpen } = useBoardWorkspace();
  if (user.isPending) return <span className="h-10 w-10 shrink-0" />;
  if (!user.data) {
    return (
      // On a phone the words would squeeze the search field to a few letters: an icon there.
      <Link href="/sign-in" className={buttonClass("ghost", "shrink-0 px-3 sm:px-4")} data-testid="header-sign-in" title="Sign in">
        <PersonIcon className="sm:hidden" />
        <span className="sr-only sm:not-sr-only">Sign in</span>
      </Link>
    );
  }
  return (
    <>
      <button
        type="button"
        data-testid="header-boards"
        aria-pressed={trayOpen}
        title="Your boards: drag pins onto them"
        onClick={() => setTrayOpen(!trayOpen)}
        className={buttonClass(trayOpen ? "primary" : "secondary", "shrink-0 px-3")}
      >
        <BoardsIcon />
        <span className="sr-only lg:not-sr-only">Boards</span>
      </button>
      <Link
        href={`/u/${encodeURIComponent(user.data.id)}`}
        data-testid="header-profile"
        title={`${user.data.name} · your boards`}
        // On phones the header has no room: the tray links to the profile instead.
        className="hidden h-10 w-10 shrink-0 items-center justify-center rounded-full sm:flex bg-neutral-800 text-sm font-bold text-white uppercase focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        {user.data.name.trim().charAt(0) || "?"}
      </Link>
    </>
  );
}
