// Home: the feed of the newest pins.
import { PinFeed } from "@/components/pin/pin-feed";

export default function HomePage() {
  return <PinFeed />;
}
