// Shop the Look on a phone: the dots are tappable and the products open as a bottom sheet.
import { expect, test } from "@playwright/test";
import { PinPage } from "./pages/app-page";
import { shopScene } from "./support/catalog";
import { pinTitled } from "./support/pins";

test("tapping a dot on a scene opens a bottom sheet of products", async ({ page, request }) => {
  const { scene, products } = shopScene();
  const expected = scene.objects![0]!;
  const pin = await pinTitled(request, scene.title!);
  const app = new PinPage(page);
  await app.open(`/pin/${pin.id}`);

  // No dot hides under the "Search inside" button.
  await expect(app.shop.dots.first()).toBeVisible();
  const button = (await page.getByTestId("search-inside").boundingBox())!;
  for (const d of await app.shop.dots.all()) {
    const b = (await d.boundingBox())!;
    const [cx, cy] = [b.x + b.width / 2, b.y + b.height / 2];
    expect(cx > button.x && cx < button.x + button.width && cy > button.y && cy < button.y + button.height).toBe(false);
  }

  const dot = await app.shop.dotNearest({ x: expected.box.x + expected.box.w / 2, y: expected.box.y + expected.box.h / 2 });
  await dot.tap();
  const sheet = app.shop.panel;
  await expect(sheet).toBeVisible();
  await expect(app.shop.products.filter({ hasText: products[0]!.title! })).toHaveCount(1);

  // A bottom sheet: full width, anchored to the bottom of the screen.
  const viewport = page.viewportSize()!;
  const box = (await sheet.boundingBox())!;
  expect(Math.round(box.y + box.height)).toBe(viewport.height);
  expect(Math.round(box.width)).toBe(viewport.width);
  await page.screenshot({ path: test.info().outputPath("shop-phone.png") });
});
