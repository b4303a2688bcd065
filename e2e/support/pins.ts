// Looks up seeded pins through the API, so tests name pins by their catalog titles.
import { expect, type APIRequestContext } from "@playwright/test";
import { FeedResponse, type Pin } from "@/lib/contracts";

export async function pinTitled(request: APIRequestContext, title: string): Promise<Pin> {
  const response = await request.get("/api/pins?limit=100");
  expect(response.ok()).toBe(true);
  const { pins } = FeedResponse.parse(await response.json());
  const pin = pins.find((candidate) => candidate.title === title);
  if (!pin) throw new Error(`no seeded pin titled ${title}`);
  return pin;
}
