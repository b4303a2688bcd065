// Page objects: what a test can do on each screen, in the user's words, through data-testids.
import { expect, type Locator, type Page } from "@playwright/test";

export interface ImageUpload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** The header and the page-wide image intake (paste, drop) present on every screen. */
export class AppPage {
  constructor(readonly page: Page) {}

  async open(path = "/"): Promise<void> {
    await this.page.goto(path);
    await this.page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  }

  async searchText(query: string): Promise<void> {
    const input = this.page.getByTestId("header-search-input");
    await input.fill(query);
    await input.press("Enter");
  }

  async searchImageFile(image: ImageUpload): Promise<void> {
    await this.page.getByTestId("image-picker-input").setInputFiles(image);
  }

  /** Dispatches a paste of an image file, as Ctrl/Cmd-V of a screenshot does. */
  async pasteImage(image: ImageUpload): Promise<void> {
    await this.page.evaluate(
      ({ bytes, name, mimeType }) => {
        const file = new File([new Uint8Array(bytes)], name, { type: mimeType });
        const data = new DataTransfer();
        data.items.add(file);
        document.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      },
      { bytes: [...image.buffer], name: image.name, mimeType: image.mimeType },
    );
  }

  get errorMessage(): Locator {
    return this.page.getByTestId("error-message");
  }
}

/** A grid of pin cards: the feed, search results or "more like this". */
export class PinGrid {
  constructor(readonly root: Locator) {}

  get cards(): Locator {
    return this.root.getByTestId("pin-card");
  }

  card(pinId: string): Locator {
    return this.root.locator(`[data-testid="pin-card"][data-pin-id="${pinId}"]`);
  }

  async pinIds(): Promise<string[]> {
    return this.cards.evaluateAll((cards) => cards.map((card) => card.getAttribute("data-pin-id") ?? ""));
  }
}

export class SearchResultsPage extends AppPage {
  get results(): PinGrid {
    return new PinGrid(this.page.getByTestId("result-grid"));
  }

  get queryImage(): Locator {
    return this.page.getByTestId("query-image");
  }

  get shop(): ShopTheLook {
    return new ShopTheLook(this.page);
  }

  async shopThisScene(): Promise<void> {
    await this.page.getByTestId("shop-this-scene").click();
  }

  /** Shows only products ("product"), only ideas ("pin"), or everything (undefined). */
  async filterKind(kind: "product" | "pin" | undefined): Promise<void> {
    await this.page.getByTestId(`search-kind-${kind ?? "all"}`).click();
  }

  /** Types a highest price and presses Enter, as a person would. */
  async setMaxPrice(max: number): Promise<void> {
    const input = this.page.getByTestId("search-max-price");
    await input.fill(String(max));
    await input.press("Enter");
  }
}

export class HomePage extends AppPage {
  get feed(): PinGrid {
    return new PinGrid(this.page.getByTestId("feed-grid"));
  }
}

/** Shop the Look over an image: its dots, the product panel and the strip. */
export class ShopTheLook {
  constructor(readonly page: Page) {}

  get dots(): Locator {
    return this.page.getByTestId("shop-dot");
  }

  get panel(): Locator {
    return this.page.getByTestId("shop-panel");
  }

  get products(): Locator {
    return this.panel.getByTestId("shop-product");
  }

  get strip(): Locator {
    return this.page.getByTestId("shop-strip");
  }

  /** The dot closest to a point of the image (0–1, top-left), as a person aims at an object. */
  async dotNearest(point: { x: number; y: number }): Promise<Locator> {
    await expect(this.dots.first()).toBeVisible();
    const positions = await this.dots.evaluateAll((dots) =>
      dots.map((dot) => ({ x: parseFloat((dot as HTMLElement).style.left) / 100, y: parseFloat((dot as HTMLElement).style.top) / 100 })),
    );
    const distance = (p: { x: number; y: number }) => Math.hypot(p.x - point.x, p.y - point.y);
    const nearest = positions.reduce((best, p, i) => (distance(p) < distance(positions[best]!) ? i : best), 0);
    return this.dots.nth(nearest);
  }

  async filter(filter: { category?: string; min?: string; max?: string }): Promise<void> {
    if (filter.category !== undefined) await this.panel.getByTestId("shop-filter-category").selectOption(filter.category);
    if (filter.min !== undefined) await this.panel.getByTestId("shop-filter-min").fill(filter.min);
    if (filter.max !== undefined) await this.panel.getByTestId("shop-filter-max").fill(filter.max);
  }
}

export class PinPage extends AppPage {
  get shop(): ShopTheLook {
    return new ShopTheLook(this.page);
  }

  get title(): Locator {
    return this.page.getByTestId("pin-title");
  }

  get similar(): PinGrid {
    return new PinGrid(this.page.getByTestId("similar-grid"));
  }
}

export class AddPinPage extends AppPage {
  async add(pin: { image: ImageUpload; title: string; description?: string; category?: string; price?: string }): Promise<void> {
    await this.open("/pin/new");
    await this.page.getByTestId("add-pin-image-input").setInputFiles(pin.image);
    await this.page.getByTestId("add-pin-title").fill(pin.title);
    if (pin.price !== undefined) {
      await this.page.getByTestId("add-pin-kind-product").locator("xpath=..").click();
      await this.page.getByTestId("add-pin-price").fill(pin.price);
    }
    if (pin.description) await this.page.getByTestId("add-pin-description").fill(pin.description);
    if (pin.category) await this.page.getByTestId("add-pin-category").fill(pin.category);
    await this.page.getByTestId("add-pin-submit").click();
  }
}
