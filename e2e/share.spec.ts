// Links that work when shared: a pin page's HTML carries its title and picture for link previews.
import { expect, test } from "@playwright/test";
import { seedLines } from "./support/catalog";
import { pinTitled } from "./support/pins";

test("a pin page's HTML names its title and an absolute picture URL for link previews", async ({ request }) => {
  const line = seedLines()[12]!;
  const pin = await pinTitled(request, line.title!);
  const html = await (await request.get(`/pin/${pin.id}`)).text();
  const unescape = (text: string) => text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  const meta = (property: string) => {
    const found = html.match(new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`))?.[1];
    return found === undefined ? undefined : unescape(found);
  };
  expect(meta("og:title")).toBe(pin.title);
  expect(meta("twitter:card")).toBe("summary_large_image");
  const image = meta("og:image")!;
  expect(image).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/images\//);
  const picture = await request.get(image);
  expect(picture.ok()).toBe(true);
  expect(picture.headers()["content-type"]).toMatch(/^image\//);

  const missing = await (await request.get("/pin/NoSuchPin123")).text();
  expect(missing).toContain("Pin not found");
});
