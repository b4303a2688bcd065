// One board: its pins in order, and ideas for it.
import { BoardView } from "@/components/board/board-view";

export default async function BoardPage({ params }: { params: Promise<{ id: string }> }) {
  return <BoardView id={decodeURIComponent((await params).id)} />;
}
