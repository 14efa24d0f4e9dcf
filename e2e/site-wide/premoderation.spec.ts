/**
 * Site-wide pre-moderation changes what every reader's next comment does, so
 * this spec runs in its own Playwright project after all the others (see
 * playwright.config.ts) and puts the setting back to Off when it is done.
 */
import type { Browser, Page } from "@playwright/test";
import { createUser, expect, loginAs, test, type TestUser } from "../support/fixtures";
import { uniqueSuffix } from "../support/users";
import { createArticle, insertComment } from "../support/content";

async function setSitePremoderation(page: Page, mode: "Off" | "New readers" | "Everyone") {
  await page.goto("/admin/settings");
  const form = page.getByRole("form", { name: "Moderation settings" });
  await form.getByRole("group", { name: "Pre-moderation" }).getByRole("radio", { name: mode, exact: true }).check();
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("status")).toHaveText("Settings saved.");
}

/** A reader with three approved comments elsewhere: past the "new readers" threshold. */
async function regularReader(): Promise<TestUser> {
  const reader = await createUser();
  const elsewhere = createArticle();
  for (let i = 0; i < 3; i++) {
    insertComment({
      articleId: elsewhere.id,
      authorId: reader.id,
      status: "approved",
      createdAt: new Date(Date.now() - (i + 2) * 3600_000),
    });
  }
  return reader;
}

/** Posts as `reader` on the article and says whether the comment was held. */
async function postAndSeeIfHeld(browser: Browser, reader: TestUser, slug: string): Promise<boolean> {
  const context = await browser.newContext();
  await loginAs(context, reader);
  const page = await context.newPage();
  await page.goto(`/articles/${slug}`);
  const text = `Site-wide rule check ${uniqueSuffix()}`;
  await page.getByRole("textbox", { name: "Comment" }).fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
  const comment = page.locator('article[id^="comment-"]').filter({ hasText: text });
  await expect(comment).toBeVisible();
  const held = (await comment.getByText("Your comment is awaiting moderation.").count()) === 1;
  await context.close();
  return held;
}

test.describe.configure({ mode: "serial" });

test("site-wide pre-moderation: Everyone holds every reader, New readers only newcomers, Off neither", async ({
  adminPage,
  browser,
}) => {
  const article = createArticle();
  try {
    await setSitePremoderation(adminPage, "Everyone");
    expect(await postAndSeeIfHeld(browser, await regularReader(), article.slug)).toBe(true);
    expect(await postAndSeeIfHeld(browser, await createUser(), article.slug)).toBe(true);

    await setSitePremoderation(adminPage, "New readers");
    expect(await postAndSeeIfHeld(browser, await regularReader(), article.slug)).toBe(false);
    expect(await postAndSeeIfHeld(browser, await createUser(), article.slug)).toBe(true);

    await setSitePremoderation(adminPage, "Off");
    expect(await postAndSeeIfHeld(browser, await regularReader(), article.slug)).toBe(false);
    expect(await postAndSeeIfHeld(browser, await createUser(), article.slug)).toBe(false);
  } finally {
    // Leave the site as a fresh install has it, whatever happened above.
    await setSitePremoderation(adminPage, "Off");
  }
});
