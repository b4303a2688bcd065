// Boards on a phone: the tray is a bottom sheet, and a pin is dragged onto a board with a
// press-and-hold, while a quick swipe still scrolls the feed.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { HomePage } from "./pages/app-page";
import { AccountPage, BoardPage, BoardTray, newAccount } from "./pages/board-pages";
import { holdRequests } from "./pages/lens-page";

/** A finger on `from`, held, then slid onto `to` and lifted (Chromium's touch input, as a phone sends it). */
async function touchDrag(page: Page, from: Locator, to: Locator, holdMs: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  const start = { x: a.x + a.width / 2, y: a.y + a.height / 3 };
  const end = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [start] });
  await page.waitForTimeout(holdMs);
  for (let i = 1; i <= 12; i++) {
    const point = { x: start.x + ((end.x - start.x) * i) / 12, y: start.y + ((end.y - start.y) * i) / 12 };
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [point] });
    await page.waitForTimeout(16);
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

test("on a phone, press and hold drags pins onto a board in the bottom sheet, and reorders the board", async ({ page }) => {
  const account = new AccountPage(page);
  await account.signUp(newAccount("Pia"));
  const boardId = await (await account.openProfile()).createBoard("Trip");

  const home = new HomePage(page);
  await home.open("/");
  const tray = new BoardTray(page);
  await tray.open();
  const sheet = (await tray.root.boundingBox())!;
  expect(sheet.y).toBeGreaterThan(300);
  expect(sheet.width).toBeGreaterThan(380);

  const cards = home.feed.cards;
  await expect(cards.nth(1)).toBeVisible();
  const first = (await cards.first().getAttribute("data-pin-id"))!;
  const second = (await cards.nth(1).getAttribute("data-pin-id"))!;
  // A quick slide (no hold) is a scroll or nothing, never a drag.
  await touchDrag(page, cards.first(), tray.board(boardId), 0);
  await expect(page.getByTestId("toast")).toHaveCount(0);

  // The save reaches the server a moment after the drop: ideas the server gives meanwhile are
  // the empty board's, and the ideas for the board with the pin must replace them.
  const save = await holdRequests(page, "**/api/boards/*/pins");
  await touchDrag(page, cards.first(), tray.board(boardId), 450);
  await page.waitForTimeout(1000);
  save.release();
  await expect(page.getByTestId("toast")).toContainText("Saved to Trip");
  await expect(tray.board(boardId)).toContainText("1 pin");
  await expect(tray.ideas).toHaveAttribute("data-source", "server");
  await page.screenshot({ path: test.info().outputPath("phone-tray.png") });

  await touchDrag(page, cards.nth(1), tray.board(boardId), 450);
  await expect(tray.board(boardId)).toContainText("2 pins");

  const board = new BoardPage(page);
  await board.open(`/boards/${boardId}`);
  await expect.poll(() => board.grid.pinIds()).toEqual([second, first]);
  // Press and hold the second card, slide it onto the first: it takes the first place.
  await touchDrag(page, board.grid.card(first), board.grid.card(second), 450);
  await expect.poll(() => board.grid.pinIds()).toEqual([first, second]);
  await page.reload();
  await expect.poll(() => board.grid.pinIds()).toEqual([first, second]);
  await page.screenshot({ path: test.info().outputPath("phone-board.png") });
});
