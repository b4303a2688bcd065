// Boards as a new user meets them: sign up, make a board, save pins from search, reorder by
// mouse and by keyboard, reload, get ideas, move a pin to a secret board by dragging it onto
// the tray; another account cannot open the secret board.
import { expect, test } from "@playwright/test";
import { SearchResultsPage } from "./pages/app-page";
import { AccountPage, BoardPage, BoardTray, ProfilePage, dragWithMouse, newAccount, saveFromCard } from "./pages/board-pages";
import { seedLines } from "./support/catalog";

/** The seeded catalog's most common category: a search for it finds several pins. */
function commonCategory(): string {
  const counts = new Map<string, number>();
  for (const line of seedLines()) if (line.category) counts.set(line.category, (counts.get(line.category) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

test("a new user builds a board, orders it, gets ideas, and keeps a secret board secret", async ({ page, browser }) => {
  const ann = newAccount("Ann");
  const account = new AccountPage(page);
  await account.signUp(ann);
  const profile = await account.openProfile();
  const kitchen = await profile.createBoard("Kitchen");

  // Save three pins from a search: the first save asks for the board, the next ones are one tap.
  await account.searchText(commonCategory());
  const results = new SearchResultsPage(page).results.cards;
  await expect(results.nth(3)).toBeVisible();
  const saved: string[] = [];
  for (let i = 0; i < 3; i++) {
    saved.push((await results.nth(i).getAttribute("data-pin-id"))!);
    await saveFromCard(page, results.nth(i), i === 0 ? kitchen : undefined);
  }

  const board = new BoardPage(page);
  await board.open(`/boards/${kitchen}`);
  // New saves go first.
  await expect.poll(() => board.grid.pinIds()).toEqual([saved[2], saved[1], saved[0]]);
  await page.screenshot({ path: test.info().outputPath("board.png"), fullPage: true });

  // Mouse: drop the last card on the first one; it takes the first place.
  await dragWithMouse(page, board.grid.card(saved[0]!), board.grid.card(saved[2]!));
  await expect.poll(() => board.grid.pinIds()).toEqual([saved[0], saved[2], saved[1]]);

  // Keyboard: space lifts the first card, the right arrow moves it over its neighbour, space drops it after.
  await board.moveWithKeyboard(saved[0]!, ["ArrowRight"]);
  await expect.poll(() => board.grid.pinIds()).toEqual([saved[2], saved[0], saved[1]]);

  await page.reload();
  await expect.poll(() => board.grid.pinIds()).toEqual([saved[2], saved[0], saved[1]]);

  // Ideas: from the server, none of them already on the board.
  await expect(page.getByTestId("board-ideas")).toHaveAttribute("data-source", "server");
  const ideas = await board.ideas.pinIds();
  expect(ideas.length).toBeGreaterThan(0);
  expect(ideas.filter((id) => saved.includes(id))).toEqual([]);

  // A second, secret board in the tray; dragging a card from this board onto it moves the pin.
  const tray = new BoardTray(page);
  await tray.open();
  await tray.root.getByTestId("new-board-name").fill("Gifts");
  await tray.root.getByTestId("new-board-secret").check();
  await tray.root.getByTestId("create-board").click();
  const gifts = tray.root.getByTestId("tray-board").filter({ hasText: "Gifts" });
  await expect(gifts).toBeVisible();
  const giftsId = (await gifts.getAttribute("data-board-id"))!;
  await tray.dragWithMouse(board.grid.card(saved[1]!), giftsId);
  await expect(page.getByTestId("toast")).toContainText("Moved to Gifts");
  await expect.poll(() => board.grid.pinIds()).toEqual([saved[2], saved[0]]);
  await board.open(`/boards/${giftsId}`);
  await expect.poll(() => board.grid.pinIds()).toEqual([saved[1]]);
  await expect(page.getByTestId("board-secret-badge")).toBeVisible();

  // Another account sees neither the secret board nor, on Ann's profile, that it exists.
  const annId = new URL((await page.getByTestId("header-profile").getAttribute("href"))!, "http://x").pathname.split("/").pop()!;
  const other = await browser.newContext();
  const bobPage = await other.newPage();
  const bob = new AccountPage(bobPage);
  await bob.signUp(newAccount("Bob"));
  await bob.open(`/boards/${giftsId}`);
  await expect(bobPage.getByTestId("error-message")).toHaveAttribute("data-error-code", "not_found");
  await bob.open(`/u/${annId}`);
  const annsBoards = new ProfilePage(bobPage).boards;
  await expect(annsBoards).toHaveCount(1);
  await expect(annsBoards).toContainText("Kitchen");
  await other.close();
});
