import { ShopQuery } from "@/lib/contracts";
import { answer, json, parseQuery } from "@/lib/server/http";
import { shopPin } from "@/lib/server/shop";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answer(async () => json(await shopPin((await params).id, parseQuery(request, ShopQuery))));
}
