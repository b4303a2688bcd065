// Page objects for accounts and boards: signing up, saving pins, the board tray, a board's page.
import { expect, type Locator, type Page } from "@playwright/test";
import { AppPage, PinGrid } from "./app-page";

export interface Account {
  name: string;
  email: string;
  password: string;
}

let accounts = 0;

/** A fresh account for one test: unique email, a password long enough. */
export function newAccount(name: string): Account {
  accounts += 1;
  return { name, email: `${name.toLowerCase()}-${Date.now()}-${accounts}@example.com`, password: "correct horse battery" };
}

export class AccountPage extends AppPage {
  async signUp(account: Account): Promise<void> {
    await this.open("/sign-up");
    await this.page.getByTestId("account-name").fill(account.name);
    await this.page.getByTestId("account-email").fill(account.email);
    await this.page.getByTestId("account-password").fill(account.password);
    await this.page.getByTestId("account-submit").click();
    await expect(this.page.getByTestId("header-boards")).toBeVisible();
  }

  async signIn(account: Account): Promise<void> {
    await this.open("/sign-in");
    await this.page.getByTestId("account-email").fill(account.email);
    await this.page.getByTestId("account-password").fill(account.password);
    await this.page.getByTestId("account-submit").click();
    await expect(this.page.getByTestId("header-boards")).toBeVisible();
  }

  /** The header's avatar, or on a phone (no room in the header) the tray's "All boards". */
  async openProfile(): Promise<ProfilePage> {
    const avatar = this.page.getByTestId("header-profile");
    if (await avatar.isVisible()) await avatar.click();
    else {
      await new BoardTray(this.page).open();
      await this.page.getByTestId("tray-profile").click();
    }
    await expect(this.page.getByTestId("profile-name")).toBeVisible();
    return new ProfilePage(this.page);
  }
}

export class ProfilePage extends AppPage {
  async createBoard(name: string, { secret = false } = {}): Promise<string> {
    await this.page.getByTestId("new-board-name").fill(name);
    if (secret) await this.page.getByTestId("new-board-secret").check();
    await this.page.getByTestId("create-board").click();
    await expect(this.page.getByTestId("board-name")).toHaveText(name);
    return new URL(this.page.url()).pathname.split("/").pop()!;
  }

  get boards(): Locator {
    return this.page.getByTestId("board-card");
  }
}

/** The board tray: a side panel, or a bottom sheet on phones. */
export class BoardTray {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    if (await this.root.isVisible()) return;
    await this.page.getByTestId("header-boards").click();
    await expect(this.root).toBeVisible();
  }

  get root(): Locator {
    return this.page.getByTestId("board-tray");
  }

  board(boardId: string): Locator {
    return this.root.locator(`[data-testid="tray-board"][data-board-id="${boardId}"]`);
  }

  get ideas(): Locator {
    return this.root.getByTestId("tray-ideas");
  }

  /** Drags a card onto a board with the mouse, in small steps as a hand does. */
  async dragWithMouse(card: Locator, boardId: string): Promise<void> {
    await dragWithMouse(this.page, card, this.board(boardId));
  }
}

export async function dragWithMouse(page: Page, from: Locator, to: Locator): Promise<void> {
  await from.scrollIntoViewIfNeeded();
  const start = (await from.boundingBox())!;
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 3);
  await page.mouse.down();
  await page.mouse.move(start.x + start.width / 2 + 12, start.y + start.height / 3 + 12, { steps: 4 });
  const end = (await to.boundingBox())!;
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 12 });
  await page.mouse.move(end.x + end.width / 2 + 2, end.y + end.height / 2 + 2, { steps: 2 });
  await page.mouse.up();
}

export class BoardPage extends AppPage {
  get grid(): PinGrid {
    return new PinGrid(this.page.getByTestId("board-grid"));
  }

  get name(): Locator {
    return this.page.getByTestId("board-name");
  }

  get ideas(): PinGrid {
    return new PinGrid(this.page.getByTestId("board-ideas-grid"));
  }

  /** Reorders with the keyboard: focus the card, space to lift, arrows to move, space to drop. */
  async moveWithKeyboard(pinId: string, keys: string[]): Promise<void> {
    await this.grid.card(pinId).focus();
    await this.page.keyboard.press("Space");
    // Lifted once the drag overlay shows; each arrow has landed once a card shows it is the target.
    await expect(this.page.getByTestId("drag-overlay")).toBeVisible();
    const over = this.page.locator(`[data-testid="pin-card-frame"][data-over] [data-pin-id]`);
    const overId = async () => ((await over.count()) === 1 ? await over.getAttribute("data-pin-id") : null);
    let last: string | null = pinId;
    for (const key of keys) {
      // dnd-kit ignores an arrow that comes before it has measured the drop targets (right
      // after the lift): press again only if the target did not change.
      await expect(async () => {
        await this.page.keyboard.press(key);
        await expect.poll(async () => [null, last].includes(await overId()), { timeout: 3_000 }).toBe(false);
      }).toPass({ timeout: 30_000 });
      last = await overId();
    }
    await this.page.keyboard.press("Space");
    await expect(this.page.getByTestId("drag-overlay")).toHaveCount(0);
  }
}

/** Saves the pin whose card is shown, through its Save control: the picker, then a board. */
export async function saveFromCard(page: Page, card: Locator, boardId?: string): Promise<void> {
  const frame = card.locator("xpath=..");
  await frame.hover();
  if (boardId) {
    await frame.getByTestId("save-picker-toggle").or(frame.getByTestId("save-pin")).first().click();
    await page.locator(`[data-testid="picker-board"][data-board-id="${boardId}"]`).click();
  } else {
    await frame.getByTestId("save-pin").click();
  }
  await expect(page.getByTestId("toast")).toContainText("Saved to");
}
