// /pin/[id] — one pin up close, with more like it.
import { PinDetail } from "@/components/pin/pin-detail";

export default async function PinPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PinDetail key={id} id={id} />;
}
