// Searching by words: a title word finds its pin first.
import { expect, test } from "@playwright/test";
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
