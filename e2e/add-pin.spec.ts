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

test("a price typed with a decimal comma is that price; an ambiguous one is refused, not guessed", async ({ page }) => {
  const image = { name: "mug.jpg", mimeType: "image/jpeg", buffer: await snapshotOf(seedLines()[21]!) };
  const form = new AddPinPage(page);
  await form.add({ image, title: `Ambiguous price ${Date.now()}`, price: "1,299" });
  await expect(page.getByText("Write it without a thousands separator")).toBeVisible();
  await expect(page).toHaveURL(/\/pin\/new$/);

  await page.getByTestId("add-pin-price").fill("19,90");
  await page.getByTestId("add-pin-submit").click();
  await expect(page).toHaveURL(/\/pin\/[A-Za-z0-9]+$/);
  await expect(new PinPage(page).page.getByTestId("pin-price")).toHaveText("$19.90");
});

test("a file the browser cannot show gets a plain note instead of a broken picture, and saving says why it fails", async ({ page }) => {
  const form = new AddPinPage(page);
  await form.add({
    image: { name: "holiday.jpg", mimeType: "image/jpeg", buffer: Buffer.from("not really a photo\n".repeat(50)) },
    title: "Holiday",
  });
  await expect(page.getByTestId("add-pin-no-preview")).toBeVisible();
  await expect(page.getByTestId("add-pin-preview")).toHaveCount(0);
  await expect(form.errorMessage).toBeVisible();
  await expect(page).toHaveURL(/\/pin\/new$/);
});
