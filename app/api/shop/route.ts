import { ShopFields } from "@/lib/contracts";
import { answer, json, parseImageForm } from "@/lib/server/http";
import { limitRate } from "@/lib/server/limits";
import { shopScene } from "@/lib/server/shop";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return answer(async () => {
    await limitRate(request, "searches");
    const { image, fields } = await parseImageForm(request, ShopFields);
    return json(await shopScene(image, fields));
  });
}
