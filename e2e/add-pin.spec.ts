// Adding a pin through the form: it opens, and it is searchable at once.
import { expect, test } from "@playwright/test";
import { AddPinPage, PinPage, SearchResultsPage } from "./pages/app-page";
import { seedLines, snapshotOf } from "./support/catalog";

test("a new pin opens on its page and is found by its title", async ({ page }) => {
  const title = `Weekend picnic basket ${Date.now()}`;
  const image = { name: "basket.jpg", mimeType: "image/jpeg", buffer: await snapshotOf(seedLines()[20]!) };
  await new AddPinPage(page).add({ image, title, description: "Ready for the park.", category: "Outdoors" });

  const pinPage = new PinPage(page);
  await expect(page).toHaveURL(/\/pin\/[A-Za-z0-9]+$/);
  await expect(pinPage.title).toHaveText(title);
  const pinId = page.url().split("/").pop()!;

  const search = new SearchResultsPage(page);
  await search.searchText(title);
  await expect(search.results.card(pinId)).toBeVisible();
});
