// The sticky bar on every page: wordmark home, search (text or image), Lens, add a pin, and
// the account corner (sign in, or the board tray and one's boards), and Install where the
// browser offers it.
import Link from "next/link";
import { UserMenu } from "@/components/account/user-menu";
import { InstallButton } from "@/components/layout/install-button";
import { SearchBar } from "@/components/search/search-bar";
import { buttonClass } from "@/components/ui/button";
import { LensIcon, PlusIcon } from "@/components/ui/icons";

export function SiteHeader() {
  return (
    <header className="sticky top-0 z-30 border-b border-neutral-100 bg-white/95 backdrop-blur supports-[backdrop-filter]:bg-white/80">
      <div className="mx-auto flex h-16 max-w-[1800px] items-center gap-2 px-3 sm:gap-4 sm:px-4">
        <Link
          href="/"
          aria-label="Glimpse home"
          data-testid="wordmark"
          className="flex shrink-0 items-center gap-2 rounded-full p-1 focus-visible:outline-2 focus-visible:outline-blue-600"
        >
          <span className="flex h-9 w-9 items-center justify-center rounded-full bg-red-600 text-lg font-black text-white">
            G
          </span>
          <span className="hidden text-xl font-bold tracking-tight text-red-600 md:inline">Glimpse</span>
        </Link>
        <SearchBar />
        <Link
          href="/lens"
          title="Lens: search with your camera"
          className={buttonClass("secondary", "shrink-0")}
          data-testid="header-lens"
        >
          <LensIcon />
          <span className="sr-only sm:not-sr-only">Lens</span>
        </Link>
        <Link href="/pin/new" className={buttonClass("primary", "shrink-0")} data-testid="header-add-pin">
          <PlusIcon />
          <span className="sr-only sm:not-sr-only">Add pin</span>
        </Link>
        <InstallButton />
        <UserMenu />
      </div>
    </header>
  );
}
