// Home: the feed of the newest pins. The first page is read on the server and rendered with
// the page, so a phone shows pins without waiting for a second round trip.
import { PinFeed } from "@/components/pin/pin-feed";
import { FEED_PAGE_SIZE } from "@/lib/contracts";
import { listFeed } from "@/lib/server/pins";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  // The feed still loads in the browser if the store cannot answer here.
  const firstPage = await listFeed({ limit: FEED_PAGE_SIZE }).catch(() => undefined);
  return <PinFeed firstPage={firstPage} />;
}
