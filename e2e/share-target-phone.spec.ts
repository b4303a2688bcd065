// Glimpse as an installable app in the system's share sheet: the manifest makes it installable
// and declares a share target; sharing a screenshot to it posts the picture to /share as the
// browser does (a multipart form), which opens an image search of that picture.
import { expect, test } from "@playwright/test";
import { SearchResultsPage } from "./pages/app-page";
import { seedLines, snapshotOf } from "./support/catalog";
import { pinTitled } from "./support/pins";

test("the app is installable and names /share as its share target", async ({ page, request }) => {
  const manifest = (await (await request.get("/manifest.webmanifest")).json()) as {
    share_target: { action: string; method: string; enctype: string; params: { files: { name: string }[] } };
    icons: { src: string }[];
  };
  expect(manifest.share_target).toMatchObject({ action: "/share", method: "post", enctype: "multipart/form-data" });
  expect(manifest.share_target.params.files[0]!.name).toBe("image");
  for (const icon of manifest.icons) {
    const response = await request.get(icon.src);
    expect(response.headers()["content-type"], icon.src).toBe("image/png");
  }
  await page.goto("/");
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as { installabilityErrors: { errorId: string }[] };
  // Playwright's browser contexts are incognito, where nothing installs; no other objection.
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== "in-incognito")).toEqual([]);
});

test("a screenshot shared to Glimpse opens an image search of it", async ({ page, request }) => {
  const line = seedLines()[5]!;
  const pin = await pinTitled(request, line.title!);
  const shared = await request.post("/share", {
    multipart: { title: "Screenshot", image: { name: "Screenshot_20261204.jpg", mimeType: "image/jpeg", buffer: await snapshotOf(line) } },
    maxRedirects: 0,
  });
  expect(shared.status()).toBe(303);
  const location = shared.headers()["location"]!;
  expect(location).toMatch(/\/search\/image\?image=[0-9a-f]{64}$/);

  const app = new SearchResultsPage(page);
  await page.goto(location);
  await expect(app.results.card(pin.id)).toBeVisible();
  expect((await app.results.pinIds()).indexOf(pin.id)).toBeLessThan(5);
  await page.screenshot({ path: test.info().outputPath("shared-screenshot.png") });
});

test("shared words search by text, and a shared file that is no picture says so", async ({ page, request }) => {
  const words = await request.post("/share", { multipart: { text: "copper kettle" }, maxRedirects: 0 });
  expect(words.headers()["location"]).toMatch(/\/search\?q=copper%20kettle$/);

  const notAPicture = await request.post("/share", {
    multipart: { image: { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("shopping list: kettle, lamp") } },
    maxRedirects: 0,
  });
  const location = notAPicture.headers()["location"]!;
  expect(location).toMatch(/shareError=unsupported_image$/);
  const app = new SearchResultsPage(page);
  await page.goto(location);
  await expect(app.errorMessage).toContainText("isn't an image");
});
