// Display formats shared by cards and the pin page.

/** The API gives prices as bare numbers in the catalog's currency; the catalog is priced in US dollars. */
const CATALOG_CURRENCY = "USD";

const priceFormat = new Intl.NumberFormat("en-US", { style: "currency", currency: CATALOG_CURRENCY });
const wholePriceFormat = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: CATALOG_CURRENCY,
  maximumFractionDigits: 0,
});

export function formatPrice(price: number): string {
  return Number.isInteger(price) ? wholePriceFormat.format(price) : priceFormat.format(price);
}
