// Lens on a train without signal: once a phone has opened Lens, the service worker keeps the
// page, and the on-device worker keeps the model's files (Cache Storage) and the catalog's codes
// (IndexedDB). With the network off, a reload still opens Lens and a photo is searched on the
// device, marked as offline, as is a photo searched from the header. A pin deleted while the phone was online leaves the device's copy
// at its next visit (the catalog's changes carry tombstones).
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { PinResponse } from "@/lib/contracts";
import { LensPage } from "./pages/lens-page";
import { catalogImagePath, seedLines, snapshotOf, unseededLine } from "./support/catalog";
import { pinTitled } from "./support/pins";

// The other tests run without service workers (they would answer requests the tests hold).
test.use({ serviceWorkers: "allow" });

const MODEL_READY_MS = 120_000;

async function openLensAndWaitForTheModel(lens: LensPage, page: Page): Promise<void> {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(lens.modelStatus).toHaveAttribute("data-state", "ready", { timeout: MODEL_READY_MS });
}

test("with the network off, Lens opens and searches a photo on the device, without the pins deleted meanwhile", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(300_000);
  const line = seedLines()[9]!;
  const target = await pinTitled(request, line.title!);
  // A pin of this test's own, deleted while the phone is online.
  const ownLine = unseededLine();
  const created = await request.post("/api/pins", {
    multipart: { title: ownLine.title!, image: { name: "own.webp", mimeType: "image/webp", buffer: readFileSync(catalogImagePath(ownLine)) } },
  });
  expect(created.status()).toBe(201);
  const own = PinResponse.parse(await created.json()).pin;

  const lens = new LensPage(page);
  await lens.open();
  await openLensAndWaitForTheModel(lens, page);
  await expect(lens.modelStatus).toHaveAttribute("data-kept", "true");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  // Online, the next visit hears of the deletion.
  expect((await request.delete(`/api/pins/${own.id}`)).status()).toBe(204);
  await page.reload();
  await openLensAndWaitForTheModel(lens, page);

  await context.setOffline(true);
  await page.reload();
  await openLensAndWaitForTheModel(lens, page);
  await expect(lens.modelStatus).toContainText("Offline");

  await lens.choosePhoto({ name: "photo.jpg", mimeType: "image/jpeg", buffer: await snapshotOf(line) });
  const found = lens.results.from("device");
  await expect(found.card(target.id)).toBeVisible();
  expect((await found.pinIds()).indexOf(target.id)).toBeLessThan(5);
  await expect(lens.results.section).toHaveAttribute("data-offline", "true");
  await expect(page.getByTestId("lens-results-source")).toHaveText("Offline · found on this device");
  await page.screenshot({ path: test.info().outputPath("offline-lens.png") });

  // The deleted pin's own picture finds other pins, never it. (Its nearest may well be the same
  // pin as the first photo's: wait for the answer to change, not for another first pin.)
  const firstAnswer = await found.pinIds();
  await lens.choosePhoto({ name: "photo.jpg", mimeType: "image/jpeg", buffer: await snapshotOf(ownLine) });
  await expect.poll(async () => await found.pinIds()).not.toEqual(firstAnswer);
  expect(await found.pinIds()).not.toContain(own.id);

  // The header's photo search works offline too: the picture is searched on the device.
  await lens.searchImageFile({ name: "photo.jpg", mimeType: "image/jpeg", buffer: await snapshotOf(line) });
  const deviceResults = page.getByTestId("device-image-results");
  await expect(deviceResults).toContainText("Offline · found on this device");
  await expect(deviceResults.locator(`[data-testid="pin-card"][data-pin-id="${target.id}"]`)).toBeVisible({ timeout: MODEL_READY_MS });
  await page.screenshot({ path: test.info().outputPath("offline-photo-search.png") });

  // A page the phone never kept says what still works.
  await page.goto("/u/someone-never-visited");
  await expect(page.getByRole("heading", { name: "You're offline" })).toBeVisible();
  await context.setOffline(false);
});

test("when the browser refuses to keep a copy (storage quota), Lens says so and still searches", async ({ page, request }) => {
  test.setTimeout(180_000);
  const line = seedLines()[11]!;
  const target = await pinTitled(request, line.title!);
  // Far too little room for the model's files or the catalog's codes.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Storage.overrideQuotaForOrigin", { origin: new URL(process.env.GLIMPSE_E2E_BASE!).origin, quotaSize: 50_000 });
  const lens = new LensPage(page);
  await lens.open();
  await openLensAndWaitForTheModel(lens, page);
  await expect(lens.modelStatus).toHaveAttribute("data-kept", "false");
  await lens.modelStatus.getByText("details").click();
  await expect(lens.modelStatus).toContainText("storage for the site is full");

  await lens.choosePhoto({ name: "photo.jpg", mimeType: "image/jpeg", buffer: await snapshotOf(line) });
  await expect(lens.results.from("server").card(target.id)).toBeVisible();
});
