/**
 * `Make lead story` puts a story at the head of the front page, with its image;
 * it changes the front page for everyone, so it runs with the site-wide specs.
 */
import sharp from "sharp";
import { test, expect } from "../support/fixtures";
import { createArticle } from "../support/content";
import { e2eDb } from "../support/users";

test.afterEach(() => {
  // The front page goes back to newest-first for whatever runs next.
  e2eDb().$client.prepare("update articles set lead_at = null where lead_at is not null").run();
});

test("an editor makes a story the lead; the front page heads with it and its image", async ({
  adminPage: page,
  browser,
}) => {
  const article = createArticle();
  await page.goto(`/admin/articles/${article.slug}`);
  const form = page.getByRole("form", { name: "Story" });
  const buffer = await sharp({ create: { width: 1400, height: 900, channels: 3, background: "#2f4f4f" } })
    .jpeg()
    .toBuffer();
  await form.getByLabel("Image", { exact: true }).setInputFiles({ name: "lead.jpg", mimeType: "image/jpeg", buffer });
  await form.getByLabel("Image description").fill("Harbour cranes at dusk");
  await form.getByLabel("Image credit").fill("Photo: Broadsheet staff");
  await form.getByRole("button", { name: "Update" }).click();
  await expect(form.getByRole("status")).toHaveText("Updated.");

  await page.getByRole("button", { name: "Make lead story" }).click();
  await expect(page.getByRole("status").filter({ hasText: "This story now leads the front page." })).toBeVisible();

  const reader = await (await browser.newContext()).newPage();
  await reader.goto("/");
  const lead = reader.locator("article.lead-story");
  await expect(lead.getByRole("heading", { level: 2 })).toHaveText(article.title);
  await expect(lead.getByRole("img", { name: "Harbour cranes at dusk" })).toHaveAttribute("height", "900");
  await expect(lead.locator("figcaption")).toHaveText("Photo: Broadsheet staff");
  await reader.context().close();
});
