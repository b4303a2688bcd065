// Shop the Look: dots over a composed demo scene open a panel of matching products, whose
// filters work; the image-search page can shop the query image the same way.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { PinPage, SearchResultsPage } from "./pages/app-page";
import { dragBox } from "./pages/lens-page";
import { catalogImagePath, shopScene } from "./support/catalog";
import { pinTitled } from "./support/pins";

const { scene, products } = shopScene();
const expected = scene.objects![0]!;
const expectedTitle = products[0]!.title!;
const centre = { x: expected.box.x + expected.box.w / 2, y: expected.box.y + expected.box.h / 2 };

test("a dot on a scene opens the products in it, and the filters narrow them", async ({ page, request }) => {
  const pin = await pinTitled(request, scene.title!);
  const app = new PinPage(page);
  await app.open(`/pin/${pin.id}`);
  const shop = app.shop;

  await expect(shop.dots.first()).toBeVisible();
  await expect(shop.strip).toBeVisible();
  const dot = await shop.dotNearest(centre);
  await expect(dot).toHaveAttribute("data-label", /.+/);
  const dotCount = await shop.dots.count();
  await dot.click();
  await expect(shop.panel).toBeVisible();
  // The chosen object shows as its box instead of a dot.
  await expect(page.getByTestId("shop-box-box")).toBeVisible();
  await expect(shop.dots).toHaveCount(dotCount - 1);
  await expect(shop.products.filter({ hasText: expectedTitle })).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath("shop-desktop.png") });

  // A price range just around the expected product keeps it; one below it drops it.
  const price = products[0]!.price!;
  await shop.filter({ min: String(Math.floor(price)), max: String(Math.ceil(price)) });
  await expect(shop.products.filter({ hasText: expectedTitle })).toHaveCount(1);
  // The filtered list is the server's answer over the whole catalog, not the scene's few products narrowed.
  await expect(shop.panel.locator('ul[data-source="server"]')).toBeVisible();
  await shop.filter({ min: "0", max: String(Math.max(0, Math.floor(price) - 1)) });
  await expect(shop.products.filter({ hasText: expectedTitle })).toHaveCount(0);
  await shop.filter({ min: "", max: "" });
  await shop.filter({ category: products[0]!.category! });
  await expect(shop.products.filter({ hasText: expectedTitle })).toHaveCount(1);

  // Keyboard: Escape closes, Enter on a focused dot opens again.
  await page.keyboard.press("Escape");
  await expect(shop.panel).toBeHidden();
  await dot.focus();
  await page.keyboard.press("Enter");
  await expect(shop.panel).toBeVisible();

  await shop.products.filter({ hasText: expectedTitle }).click();
  await expect(page).toHaveURL(/\/pin\//);
  await expect(app.title).toHaveText(expectedTitle);
});

test("the chosen object's box can be redrawn round another thing, and the products follow it", async ({ page, request }) => {
  const other = scene.objects![1]!;
  const otherTitle = products[1]!.title!;
  const pin = await pinTitled(request, scene.title!);
  const app = new PinPage(page);
  await app.open(`/pin/${pin.id}`);
  const shop = app.shop;

  const dot = await shop.dotNearest(centre);
  const dotCount = await shop.dots.count();
  await dot.click();
  await expect(shop.products.filter({ hasText: expectedTitle })).toHaveCount(1);
  await expect(page.getByTestId("shop-box-box")).toBeVisible();
  await expect(page.getByTestId("shop-panel-subject")).toHaveText(`Items like ${expectedTitle}`);

  // A box drawn round the other object asks the server for what it holds, products only.
  await dragBox(page, page.getByTestId("shop-box"), other.box);
  await expect(page.getByTestId("shop-panel-subject")).toHaveText("Items like what your box holds");
  await expect(shop.panel.locator('ul[data-source="server"]')).toBeVisible();
  await expect(shop.products.first()).toContainText(otherTitle);
  // The first object is outside the box again and gets its dot back; the other one is inside.
  await expect(shop.dots).toHaveCount(dotCount - 1);
  const back = await (await shop.dotNearest(centre)).evaluate((dot) => ({ x: parseFloat(dot.style.left) / 100, y: parseFloat(dot.style.top) / 100 }));
  expect(Math.hypot(back.x - centre.x, back.y - centre.y)).toBeLessThan(0.1);
  await page.screenshot({ path: test.info().outputPath("shop-box-adjusted.png") });

  // A tap on the picture outside the box puts the box and the panel away.
  const layer = await page.getByTestId("shop-box").boundingBox();
  const outside = [expected.box, other.box].every((b) => b.x > 0.08 || b.y > 0.08) ? { x: 0.03, y: 0.03 } : { x: 0.97, y: 0.97 };
  await page.mouse.click(layer!.x + outside.x * layer!.width, layer!.y + outside.y * layer!.height);
  await expect(shop.panel).toBeHidden();
  await expect(page.getByTestId("shop-box")).toHaveCount(0);
});

test("shop this scene finds the products in a searched image, and one of them can be searched alone", async ({ page, request }) => {
  const app = new SearchResultsPage(page);
  await app.open("/");
  await app.searchImageFile({ name: "scene.jpg", mimeType: "image/jpeg", buffer: readFileSync(catalogImagePath(scene)) });
  await expect(page).toHaveURL(/\/search\/image/);
  await app.shopThisScene();

  const shop = app.shop;
  await expect(shop.dots.first()).toBeVisible();
  await (await shop.dotNearest(centre)).click();
  await expect(shop.products.filter({ hasText: expectedTitle })).toHaveCount(1);

  // The object's panel turns the image search into a search for that object, with its box.
  await page.getByTestId("shop-search-object").click();
  await expect(page).toHaveURL(/[?&]box=/);
  await expect(page.getByTestId("query-region-box")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Visual matches for the box" })).toBeVisible();
  await expect(app.results.card((await pinTitled(request, expectedTitle)).id)).toBeVisible();
});
