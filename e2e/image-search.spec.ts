// Searching by image: a file from the picker, a busy phone photo (its object found, a box drawn
// and adjusted, the whole picture), a pasted screenshot, and a file that is no image.
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { SearchResultsPage } from "./pages/app-page";
import { dragBox } from "./pages/lens-page";
import { CAMERA_PRODUCT_TITLE, cameraPicture } from "./support/camera";
import { screenshotOf, seedLines, snapshotOf } from "./support/catalog";
import { pinTitled } from "./support/pins";

const lines = seedLines();

test("a photo of a catalog item finds that pin", async ({ page, request }) => {
  const line = lines[3]!;
  const pin = await pinTitled(request, line.title!);
  const app = new SearchResultsPage(page);
  await app.open("/");
  await app.searchImageFile({ name: "snapshot.jpg", mimeType: "image/jpeg", buffer: await snapshotOf(line) });

  await expect(page).toHaveURL(/\/search\/image/);
  await expect(app.queryImage).toBeVisible();
  await expect(app.results.card(pin.id)).toBeVisible();
  const ids = await app.results.pinIds();
  expect(ids.indexOf(pin.id)).toBeLessThan(5);
  await page.screenshot({ path: test.info().outputPath("image-search.png"), fullPage: true });
});

test("a busy phone photo is also searched by the object found in it, shown as a box that can be redrawn, adjusted, and dropped for the whole picture", async ({ page, request }) => {
  const pin = await pinTitled(request, CAMERA_PRODUCT_TITLE);
  // The Lens tests' camera picture: the product on a card among flowers, small, blurred, JPEG.
  const { jpeg: photo, box } = await cameraPicture();
  const app = new SearchResultsPage(page);
  await app.open("/");
  await app.searchImageFile({ name: "phone-photo.jpg", mimeType: "image/jpeg", buffer: photo });

  // The server also searched the object it found, and the picture shows where that is.
  await expect(page.getByRole("heading", { name: "Visual matches", exact: true })).toBeVisible();
  const found = page.getByTestId("query-region-box");
  await expect(found).toBeVisible();
  await expect.poll(async () => (await app.results.pinIds())[0], { timeout: 30_000 }).toBe(pin.id);
  await expect(page).not.toHaveURL(/[?&]box=/);
  // The photo's own cut-off leaves the weaker matches behind "Show N less similar".
  await expect(page.getByTestId("show-less-similar")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("image-search-object.png"), fullPage: true });

  // The whole picture is one tap away, and the found object one tap back.
  await page.getByTestId("query-region-clear").click();
  await expect(page.getByRole("heading", { name: "Visual matches for the whole picture" })).toBeVisible();
  await expect(found).toHaveCount(0);
  await expect(page).toHaveURL(/[?&]box=0%2C0%2C1%2C1/);

  // A box drawn round the card, then moved by a corner with the keyboard, puts the pin first.
  const region = page.getByTestId("query-region");
  await dragBox(page, region, box);
  await expect(found).toBeVisible();
  await expect(page.getByRole("heading", { name: "Visual matches for the box" })).toBeVisible();
  await expect.poll(async () => (await app.results.pinIds())[0], { timeout: 30_000 }).toBe(pin.id);
  const before = page.url();
  await page.getByTestId("query-region-corner-se").focus();
  await page.keyboard.press("ArrowRight");
  await expect(page).not.toHaveURL(before);
  await expect.poll(async () => (await app.results.pinIds())[0], { timeout: 30_000 }).toBe(pin.id);

  // The box comes back with the search on a reload.
  await page.reload();
  await expect(found).toBeVisible();
  await expect(page.getByRole("heading", { name: "Visual matches for the box" })).toBeVisible();
  await expect.poll(async () => (await app.results.pinIds())[0], { timeout: 30_000 }).toBe(pin.id);

  // "Whole picture", then "Find the object", lead back to the found object.
  await page.getByTestId("query-region-clear").click();
  await expect(found).toHaveCount(0);
  await page.getByTestId("query-region-find").click();
  await expect(page.getByRole("heading", { name: "Visual matches", exact: true })).toBeVisible();
  await expect(found).toBeVisible();
  await expect(page).not.toHaveURL(/[?&]box=/);
});

test("an image search has a URL that survives a reload and opens in another browser", async ({ page, request, browser }) => {
  const line = lines[3]!;
  const pin = await pinTitled(request, line.title!);
  const app = new SearchResultsPage(page);
  await app.open("/");
  await app.searchImageFile({ name: "snapshot.jpg", mimeType: "image/jpeg", buffer: await snapshotOf(line) });
  await expect(app.results.card(pin.id)).toBeVisible();
  await expect(page).toHaveURL(/\/search\/image\?image=[0-9a-f]{64}$/);
  const shared = page.url();

  await page.reload();
  await expect(app.queryImage).toBeVisible();
  await expect(app.results.card(pin.id)).toBeVisible();

  const elsewhere = await browser.newContext();
  const other = new SearchResultsPage(await elsewhere.newPage());
  await other.page.goto(shared);
  await expect(other.results.card(pin.id)).toBeVisible();
  await elsewhere.close();

  // An id the server does not keep says so, and offers a new search.
  await app.open(`/search/image?image=${"0".repeat(64)}`);
  await expect(app.errorMessage).toHaveAttribute("data-error-code", "not_found");
  await expect(page.getByTestId("choose-image-prompt")).toBeVisible();
});

test("a 48-megapixel phone photo is shrunk in the browser and searched, not refused", async ({ page, request }) => {
  const line = lines[5]!;
  const pin = await pinTitled(request, line.title!);
  // 8000×6000, over the server's 40-megapixel limit, as a phone's main camera takes them.
  const photo = await sharp(await snapshotOf(line)).resize(8000, 6000, { fit: "fill" }).jpeg({ quality: 70 }).toBuffer();
  const app = new SearchResultsPage(page);
  await app.open("/");
  await app.searchImageFile({ name: "PXL_20261204.jpg", mimeType: "image/jpeg", buffer: photo });

  await expect(app.results.card(pin.id)).toBeVisible();
  await expect(app.errorMessage).toHaveCount(0);
});

test("pasting a screenshot anywhere searches by it", async ({ page, request }) => {
  const line = lines[10]!;
  const pin = await pinTitled(request, line.title!);
  const app = new SearchResultsPage(page);
  await app.open("/");
  await expect(page.getByTestId("feed-grid")).toBeVisible();
  await app.pasteImage({ name: "screenshot.png", mimeType: "image/png", buffer: await screenshotOf(line) });

  await expect(page).toHaveURL(/\/search\/image/);
  await expect(app.results.card(pin.id)).toBeVisible();
});

test("a file that is not an image gets a readable error", async ({ page }) => {
  const app = new SearchResultsPage(page);
  await app.open("/");
  await app.searchImageFile({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("these are not pixels\n".repeat(20)) });

  await expect(app.errorMessage).toBeVisible();
  await expect(app.errorMessage).toHaveAttribute("data-error-code", "unsupported_image");
  await expect(app.errorMessage).not.toBeEmpty();
  // People read plain words; the code is there for whoever opens the details.
  await expect(app.errorMessage.getByText("unsupported_image")).toBeHidden();
  await app.errorMessage.getByText("Details").click();
  await expect(app.errorMessage.getByText("unsupported_image")).toBeVisible();
  await expect(app.results.cards).toHaveCount(0);
});
