// Glimpse as an installable app in the system's share sheet: the manifest makes it installable
// and declares a share target; sharing a screenshot to it posts the picture to /share as the
// browser does (a multipart form), which opens an image search of that picture.
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { SearchResultsPage } from "./pages/app-page";
import { catalogImagePath, seedLines, snapshotOf } from "./support/catalog";
import { seriousViolations } from "./support/axe";
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

test("the words in a shared screenshot become chips, and tapping one refines the results", async ({ page, request }) => {
  const [pictured, named] = [seedLines()[4]!, seedLines()[21]!];
  const word = named.title!;
  const [picturedPin, namedPin] = [await pinTitled(request, pictured.title!), await pinTitled(request, word)];
  // A screenshot of one pin's picture with another pin's name written under it.
  const picture = await sharp(catalogImagePath(pictured)).resize(360, 300, { fit: "contain", background: "#ffffff" }).png().toBuffer();
  const caption = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="90"><rect width="100%" height="100%" fill="#ffffff"/>
      <text x="24" y="60" font-family="DejaVu Sans" font-size="44" fill="#111">${word}</text></svg>`,
  );
  const screenshot = await sharp({ create: { width: 360, height: 390, channels: 3, background: "#ffffff" } })
    .composite([{ input: picture, top: 0, left: 0 }, { input: caption, top: 300, left: 0 }])
    .png()
    .toBuffer();
  const shared = await request.post("/share", { multipart: { image: { name: "Screenshot.png", mimeType: "image/png", buffer: screenshot } }, maxRedirects: 0 });

  const app = new SearchResultsPage(page);
  await page.goto(shared.headers()["location"]!);
  await expect(app.results.card(picturedPin.id)).toBeVisible();
  expect((await app.results.pinIds()).slice(0, 3)).not.toContain(namedPin.id);

  const chip = page.getByRole("button", { name: word, exact: true });
  await chip.click();
  await expect(chip).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("heading", { name: `Visual matches for “${word}”` })).toBeVisible();
  await expect.poll(async () => (await app.results.pinIds()).slice(0, 3)).toContain(namedPin.id);
  expect((await app.results.pinIds()).slice(0, 3)).toContain(picturedPin.id);
  // The refined search has its own URL: a reload brings it back.
  await expect(page).toHaveURL(new RegExp(`[?&]q=${word}`));
  await page.screenshot({ path: test.info().outputPath("refined-by-a-word.png") });
  expect(await seriousViolations(page)).toEqual([]);
  await page.reload();
  await expect(page.getByRole("button", { name: word, exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect.poll(async () => (await app.results.pinIds()).slice(0, 3)).toContain(namedPin.id);
});
