// Searching by words: a title word finds its pin first, and filters narrow the results.
import { expect, test } from "@playwright/test";
import { FeedResponse } from "@/lib/contracts";
import { SearchResultsPage } from "./pages/app-page";
import { seedLines } from "./support/catalog";
import { pinTitled } from "./support/pins";

test("a title typed in the search bar finds the pin", async ({ page, request }) => {
  const line = seedLines()[7]!;
  const pin = await pinTitled(request, line.title!);
  const app = new SearchResultsPage(page);
  await app.open("/");
  await app.searchText(line.title!);

  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(app.results.card(pin.id)).toBeVisible();
  expect((await app.results.pinIds())[0]).toBe(pin.id);
});

test("filters narrow a search to products under a price, and survive a reload", async ({ page, request }) => {
  const { pins } = FeedResponse.parse(await (await request.get("/api/pins?limit=100")).json());
  const byId = new Map(pins.map((p) => [p.id, p]));
  const app = new SearchResultsPage(page);
  // Every demo pin's description says it is clip art, so this finds products and ideas alike.
  await app.open("/search?q=clip%20art");
  await expect(app.results.cards.first()).toBeVisible();
  const kinds = new Set((await app.results.pinIds()).map((id) => byId.get(id)?.kind));
  expect(kinds).toEqual(new Set(["product", "pin"]));

  await app.filterKind("product");
  await expect(page).toHaveURL(/kind=product/);
  await expect.poll(async () => new Set((await app.results.pinIds()).map((id) => byId.get(id)?.kind))).toEqual(new Set(["product"]));

  await app.setMaxPrice(10);
  await expect(page).toHaveURL(/maxPrice=10/);
  // While the narrowed search loads the grid may be empty, and an empty grid passes "every".
  const cheapProducts = async () => {
    const ids = await app.results.pinIds();
    return ids.length > 0 && ids.every((id) => byId.get(id)?.kind === "product" && (byId.get(id)?.price ?? Infinity) <= 10);
  };
  await expect.poll(cheapProducts).toBe(true);
  const filtered = await app.results.pinIds();

  await page.reload();
  await expect.poll(() => app.results.pinIds()).toEqual(filtered);
  await expect(page.getByTestId("search-max-price")).toHaveValue("10");
});

test("a word search that finds nothing suggests other words, not another picture", async ({ page }) => {
  const app = new SearchResultsPage(page);
  await app.open("/search?q=qwxzvbnq");
  await expect(page.getByTestId("nothing-close")).toContainText("qwxzvbnq");
  await expect(page.getByTestId("nothing-close-hint")).toContainText("other words");
  await expect(page.getByTestId("nothing-close-hint")).not.toContainText("picture");
});
