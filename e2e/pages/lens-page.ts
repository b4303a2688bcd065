// Page objects for on-device search: the Lens page (camera, freeze, box) and "Search inside this
// image" on a pin, plus a way to hold the server's refinement so the device's answer can be seen
// before the server's replaces it.
import type { Locator, Page } from "@playwright/test";
import type { Box } from "@/lib/contracts";
import { AppPage, PinGrid, PinPage } from "./app-page";

export type ResultSource = "device" | "server";

/** Drags a box (normalized 0–1 of the layer) across a box-drawing layer with the mouse. */
export async function dragBox(page: Page, layer: Locator, box: Box): Promise<void> {
  const rect = await layer.boundingBox();
  if (!rect) throw new Error("the box layer is not on screen");
  await page.mouse.move(rect.x + box.x * rect.width, rect.y + box.y * rect.height);
  await page.mouse.down();
  await page.mouse.move(rect.x + (box.x + box.w) * rect.width, rect.y + (box.y + box.h) * rect.height, { steps: 8 });
  await page.mouse.up();
}

/**
 * Holds requests to `url` (with `method`) until `release()`: what the page shows meanwhile is
 * what it found on its own.
 */
export async function holdRequests(page: Page, url: string, method = "POST"): Promise<{ release: () => void }> {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    if (route.request().method() === method) await released;
    await route.continue();
  });
  return { release };
}

/** Results marked with where they came from (data-source on their section). */
class SourcedResults {
  constructor(
    private readonly page: Page,
    private readonly testId: string,
  ) {}

  get section(): Locator {
    return this.page.getByTestId(this.testId);
  }

  /** The answer from `source`, optionally only the one for a box drawn on the picture (or for all of it). */
  answer(source: ResultSource, region?: "box" | "whole"): Locator {
    const scope = region ? `[data-region="${region}"]` : "";
    return this.page.locator(`[data-testid="${this.testId}"][data-source="${source}"]${scope}`);
  }

  /** Results from `source`, optionally only those for a box drawn on the picture (or for all of it). */
  from(source: ResultSource, region?: "box" | "whole"): PinGrid {
    return new PinGrid(this.answer(source, region).getByTestId("result-grid"));
  }
}

export class LensPage extends AppPage {
  override async open(path = "/lens"): Promise<void> {
    await super.open(path);
  }

  get modelStatus(): Locator {
    return this.page.getByTestId("lens-model-status");
  }

  get preview(): Locator {
    return this.page.getByTestId("lens-preview");
  }

  get regionLayer(): Locator {
    return this.page.getByTestId("lens-region");
  }

  get results(): SourcedResults {
    return new SourcedResults(this.page, "lens-results");
  }

  /** Takes or chooses a photo instead of using the live camera. */
  async choosePhoto(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByTestId("lens-file-input").first().setInputFiles(file);
  }

  /** Taps the live picture, as a person freezes it. */
  async freeze(): Promise<void> {
    await this.regionLayer.click();
  }

  /** The box shown on the picture, normalized to the picture as boxes are. */
  async boxShown(): Promise<Box> {
    const [layer, box] = await Promise.all([this.regionLayer.boundingBox(), this.page.getByTestId("lens-region-box").boundingBox()]);
    if (!layer || !box) throw new Error("no box is shown on the picture");
    return { x: (box.x - layer.x) / layer.width, y: (box.y - layer.y) / layer.height, w: box.width / layer.width, h: box.height / layer.height };
  }

  /** Holds the server's refinement of on-device results (`POST /api/search` with the picture). */
  holdRefinement(): Promise<{ release: () => void }> {
    return holdRequests(this.page, "**/api/search");
  }
}

export class PinSearchInside extends PinPage {
  get modelStatus(): Locator {
    return this.page.getByTestId("lens-model-status");
  }

  get results(): SourcedResults {
    return new SourcedResults(this.page, "region-results");
  }

  async start(): Promise<void> {
    await this.page.getByTestId("search-inside").click();
  }

  async searchBox(box: Box): Promise<void> {
    await dragBox(this.page, this.page.getByTestId("search-inside-region"), box);
  }

  /** Holds the server's refinement of a region (`POST /api/search` with the pin's image and box). */
  holdRefinement(): Promise<{ release: () => void }> {
    return holdRequests(this.page, "**/api/search");
  }
}
