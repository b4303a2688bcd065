// axe-core on the main screens, for a visitor and for a signed-in user with a board: no serious
// or critical violations (contrast, names, roles, nesting).
import { expect, test } from "@playwright/test";
import { AccountPage, BoardTray, newAccount, saveFromCard } from "./pages/board-pages";
import { HomePage } from "./pages/app-page";
import { seriousViolations } from "./support/axe";

test("the main screens have no serious or critical accessibility violations", async ({ page, request }) => {
  const { pins } = (await (await request.get("/api/pins?limit=1")).json()) as { pins: { id: string }[] };
  const home = new HomePage(page);
  const screens = ["/", "/search?q=clip%20art", `/pin/${pins[0]!.id}`, "/sign-in", "/sign-up", "/pin/new", "/search/image", "/lens", "/offline"];
  for (const path of screens) {
    await home.open(path);
    await page.waitForLoadState("networkidle");
    expect(await seriousViolations(page), path).toEqual([]);
  }

  // Signed in: the profile, a board with a pin and ideas, and the board tray.
  const account = new AccountPage(page);
  await account.signUp(newAccount("Ada"));
  const profile = await account.openProfile();
  const boardId = await profile.createBoard("Reading corner");
  await home.open("/");
  await saveFromCard(page, home.feed.cards.first(), boardId);
  await home.open(`/boards/${boardId}`);
  await expect(page.getByTestId("board-ideas")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(await seriousViolations(page), "board").toEqual([]);
  await new BoardTray(page).open();
  expect(await seriousViolations(page), "board tray").toEqual([]);
  await account.openProfile();
  expect(await seriousViolations(page), "profile").toEqual([]);
});
