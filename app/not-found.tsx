// Any address that matches no page.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="mx-auto mt-20 max-w-md text-center">
      <p className="text-6xl font-black text-neutral-200">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-neutral-900">Nothing at this address</h1>
      <Link href="/" className={buttonClass("primary", "mt-6")}>
        Back to the feed
      </Link>
    </div>
  );
}
