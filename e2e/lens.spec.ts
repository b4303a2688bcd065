// Lens and "Search inside this image": what the on-device student finds shows first, marked as
// the device's, and the server's answer replaces it. Chromium's fake camera plays a phone photo
// of a seeded product: on a card among flowers, small, blurred, JPEG (e2e/support/camera.ts);
// the server's refinement is held until the device's results have been seen.
import { expect, test } from "@playwright/test";
import { PinResponse } from "@/lib/contracts";
import { iou } from "@/lib/detect/boxes";
import { heicPhoto } from "@/lib/testing/fixtures";
import { SearchResultsPage } from "./pages/app-page";
import { LensPage, PinSearchInside } from "./pages/lens-page";
import { CAMERA_PRODUCT_TITLE, cameraPicture } from "./support/camera";
import { shopScene } from "./support/catalog";
import { pinTitled } from "./support/pins";

test.describe.configure({ timeout: 180_000 });

test("the camera's busy picture is searched on the device first, and the server's refinement finds the product", async ({ page, request }) => {
  const pin = await pinTitled(request, CAMERA_PRODUCT_TITLE);
  const lens = new LensPage(page);
  const refinement = await lens.holdRefinement();
  // The server's own model must see the picture: the refinement uploads the frame as a JPEG.
  // (A refinement the next frame made stale may be cancelled before its body can be read: wait
  // for one that carries the picture.)
  const upload = page.waitForRequest(
    (r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/search" && (r.postDataBuffer()?.includes("Content-Type: image/jpeg") ?? false),
    { timeout: 150_000 },
  );
  await lens.open();

  await expect(lens.modelStatus).toHaveAttribute("data-state", "ready", { timeout: 120_000 });
  await expect(lens.modelStatus).toHaveAttribute("data-backend", /^(wasm|webgl|webgpu)$/);
  await expect(lens.preview).toHaveAttribute("data-mode", "live");
  // The student alone ranks a card this small among flowers poorly, and none of its matches may
  // clear the relevance cut-off: that it answers is checked, not what it finds.
  const device = lens.results.answer("device", "whole");
  await expect(device.getByTestId("pin-card").or(device.getByTestId("nothing-close")).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("lens-device.png") });

  refinement.release();
  await upload;
  await expect(lens.results.from("server", "whole").card(pin.id)).toBeVisible();
  const ids = await lens.results.from("server").pinIds();
  expect(ids.indexOf(pin.id)).toBeLessThan(5);
  await page.screenshot({ path: test.info().outputPath("lens-server.png") });
});

test("the frozen frame shows the object the server found as a box; adjusting it searches only that region", async ({ page, request }) => {
  const pin = await pinTitled(request, CAMERA_PRODUCT_TITLE);
  const { box: card } = await cameraPicture();
  const lens = new LensPage(page);
  await lens.open();
  await expect(lens.modelStatus).toHaveAttribute("data-state", "ready", { timeout: 120_000 });
  // Let the live picture's search finish (refined by the server), so what follows is the box's.
  await expect(lens.results.from("server").cards.first()).toBeVisible();

  await lens.freeze();
  await expect(lens.preview).toHaveAttribute("data-mode", "still");
  // The server searched the object it found in the picture: the card, shown as the box.
  const found = page.getByTestId("lens-region-box");
  await expect(found).toBeVisible();
  expect(iou(await lens.boxShown(), card)).toBeGreaterThanOrEqual(0.5);
  await page.screenshot({ path: test.info().outputPath("lens-found-object.png") });

  // A corner moved with the keyboard makes it the box searched. (That the device answers a box
  // first is held to in the pin-page test below.)
  await page.getByTestId("lens-region-corner-se").focus();
  await page.keyboard.press("ArrowRight");
  await expect(lens.results.from("server", "box").card(pin.id)).toBeVisible();
  await expect(found).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("lens-box.png") });
});

test("a box on a pin's picture finds the product inside it", async ({ page, request }) => {
  const { scene, products } = shopScene();
  const boot = scene.objects!.find((o) => o.file.includes("hiking-boot"))!;
  const [scenePin, bootPin] = await Promise.all([
    pinTitled(request, scene.title!),
    pinTitled(request, products.find((p) => p.file === boot.file)!.title!),
  ]);
  const pinPage = new PinSearchInside(page);
  const refinement = await pinPage.holdRefinement();
  await pinPage.open(`/pin/${scenePin.id}`);
  await pinPage.start();
  await pinPage.searchBox(boot.box);

  await expect(pinPage.results.from("device", "box").card(bootPin.id)).toBeVisible({ timeout: 120_000 });
  await page.screenshot({ path: test.info().outputPath("pin-region-device.png"), fullPage: true });
  refinement.release();
  await expect(pinPage.results.from("server", "box").card(bootPin.id)).toBeVisible();
  const ids = await pinPage.results.from("server").pinIds();
  expect(ids.indexOf(bootPin.id)).toBeLessThan(3);
});

test("a photo this browser cannot decode (HEIC) is searched by the server", async ({ page, request }) => {
  const heic = heicPhoto();
  const added = await request.post("/api/pins", {
    multipart: { image: { name: "IMG_0001.HEIC", mimeType: "image/heic", buffer: heic }, title: "Boards shot on a phone" },
  });
  expect(added.status()).toBe(201);
  const { pin } = PinResponse.parse(await added.json());

  const lens = new LensPage(page);
  await lens.open();
  await lens.choosePhoto({ name: "IMG_0001.HEIC", mimeType: "image/heic", buffer: heic });
  await expect(page).toHaveURL(/\/search\/image/);
  const results = new SearchResultsPage(page).results;
  await expect(results.card(pin.id)).toBeVisible();
  expect((await results.pinIds()).indexOf(pin.id)).toBeLessThan(5);
});
