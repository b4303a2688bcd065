// The home feed fetches pin pages on intent, not on sight: scrolling a grid of pins must not
// prefetch every pin it shows, and pointing at one prefetches that one.
import { expect, test } from "@playwright/test";
import { HomePage } from "./pages/app-page";
import { seedLines, snapshotOf } from "./support/catalog";

test("scrolling the feed prefetches no pin pages; hovering a pin prefetches it", async ({ page }) => {
  const pinPages: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    // Pin pages only: the header's "Add pin" link (/pin/new) is prefetched once, as it should be.
    if (/^\/pin\/(?!new$)/.test(url.pathname) && request.resourceType() !== "document") pinPages.push(url.pathname);
  });
  const home = new HomePage(page);
  await home.open("/");
  await expect(home.feed.cards.nth(20)).toBeAttached();
  for (let i = 0; i < 6; i++) {
    await page.mouse.wheel(0, 900);
    await page.waitForTimeout(150);
  }
  await page.waitForTimeout(500);
  expect(pinPages).toEqual([]);

  const card = home.feed.cards.first();
  await card.scrollIntoViewIfNeeded();
  const id = await card.getAttribute("data-pin-id");
  await card.hover();
  await expect.poll(() => pinPages).toContain(`/pin/${id}`);
});

test("pins added while the feed is open are offered with a New pins button", async ({ page, request }) => {
  const home = new HomePage(page);
  await home.open("/");
  await expect(home.feed.cards.first()).toBeVisible();
  const title = `Arrived later ${Date.now()}`;
  const created = await request.post("/api/pins", {
    multipart: {
      image: { name: "later.jpg", mimeType: "image/jpeg", buffer: await snapshotOf(seedLines()[30]!) },
      title,
    },
  });
  expect(created.status()).toBe(201);
  const { pin } = (await created.json()) as { pin: { id: string } };

  await expect(page.getByTestId("feed-new-pins")).toBeVisible({ timeout: 40_000 });
  await page.getByTestId("feed-new-pins").click();
  await expect.poll(async () => (await home.feed.pinIds())[0]).toBe(pin.id);
  await expect(page.getByTestId("feed-new-pins")).toHaveCount(0);
});

test("the grid's cards come in rank order for the keyboard and screen readers, across the columns", async ({ page, request }) => {
  const { pins } = (await (await request.get("/api/pins?limit=30")).json()) as { pins: { id: string }[] };
  const home = new HomePage(page);
  await home.open("/");
  await expect(home.feed.cards.nth(29)).toBeAttached();
  expect(Number(await page.getByTestId("feed-grid").getAttribute("data-columns"))).toBeGreaterThan(2);
  expect((await home.feed.pinIds()).slice(0, 30)).toEqual(pins.map((p) => p.id));

  // Tab from the first card reaches the second-ranked card (in the next column) before any card below the first.
  await home.feed.cards.first().focus();
  const second = home.feed.cards.nth(1);
  for (let i = 0; i < 6 && !(await second.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(second).toBeFocused();
  const [a, b] = [await home.feed.cards.first().boundingBox(), await second.boundingBox()];
  expect(b!.x).toBeGreaterThan(a!.x);
});
