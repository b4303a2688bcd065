// The home feed on a phone: two columns of pins, a usable header, a pin opens on tap.
import { expect, test } from "@playwright/test";
import { HomePage, PinPage } from "./pages/app-page";

test("the home grid fills a phone screen and opens a pin", async ({ page }) => {
  const home = new HomePage(page);
  await home.open("/");
  await expect(home.feed.cards.first()).toBeVisible();
  expect(await home.feed.cards.count()).toBeGreaterThanOrEqual(10);
  await expect(page.getByTestId("feed-grid")).toHaveAttribute("data-columns", "2");
  await expect(page.getByTestId("header-search-input")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("home-phone.png") });

  const first = home.feed.cards.first();
  const pinId = await first.getAttribute("data-pin-id");
  await first.click();
  await expect(page).toHaveURL(new RegExp(`/pin/${pinId}$`));
  await expect(new PinPage(page).title).toBeVisible();
});
