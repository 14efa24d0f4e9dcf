/**
 * `Require a confirmed email to comment` changes what every unconfirmed
 * reader sees, so this spec runs in the site-wide project after all the others
 * and turns the setting off again when it is done.
 */
import type { Page } from "@playwright/test";
import { createUser, expect, loginAs, test } from "../support/fixtures";
import { e2eDb, uniqueSuffix } from "../support/users";
import { createArticle } from "../support/content";
import { linkIn, nthMailTo } from "../support/mail-links";

async function setRequireConfirmed(page: Page, on: boolean) {
  await page.goto("/admin/settings");
  const form = page.getByRole("form", { name: "Moderation settings" });
  await form.getByRole("checkbox", { name: "Require a confirmed email to comment" }).setChecked(on);
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("status")).toHaveText("Settings saved.");
}

function commentCountFor(articleId: number, authorId: string): number {
  return (
    e2eDb()
      .$client.prepare(`select count(*) as n from comments where article_id = ? and author_id = ?`)
      .get(articleId, authorId) as { n: number }
  ).n;
}

test.describe.configure({ mode: "serial" });

test("confirmation gates commenting when the setting is on", async ({ adminPage, browser }) => {
  const article = createArticle();
  const reader = await createUser();
  const readerContext = await browser.newContext();
  await loginAs(readerContext, reader);
  const page = await readerContext.newPage();
  // The form as it was before the setting changed: its post must be refused by the policy.
  await page.goto(article.url);
  await page.getByRole("textbox", { name: "Comment" }).fill(`Before the rule ${uniqueSuffix()}`);
  try {
    await setRequireConfirmed(adminPage, true);
    await expect(
      adminPage
        .getByRole("form", { name: "Moderation settings" })
        .getByRole("checkbox", { name: "Require a confirmed email to comment" }),
    ).toBeChecked();

    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.locator("#comments form").getByRole("alert")).toHaveText("Confirm your email to comment.");
    expect(commentCountFor(article.id, reader.id)).toBe(0);

    await page.goto(article.url);
    const compose = page.locator("#comments");
    await expect(compose.getByText("Confirm your email to comment.")).toBeVisible();
    await expect(compose.getByRole("textbox", { name: "Comment" })).toHaveCount(0);
    await compose.getByRole("button", { name: "Send confirmation again" }).click();
    await expect(compose.getByRole("status")).toHaveText(`We have sent a confirmation link to ${reader.email}.`);

    await page.goto(linkIn((await nthMailTo(reader.email)).text, "/confirm-email"));
    await page.getByRole("button", { name: "Confirm my email" }).click();
    await expect(page.getByRole("status")).toHaveText(`Thank you: ${reader.email} is confirmed.`);

    await page.goto(article.url);
    const text = `Now confirmed ${uniqueSuffix()}`;
    await page.getByRole("textbox", { name: "Comment" }).fill(text);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.locator('article[id^="comment-"]').filter({ hasText: text })).toBeVisible();
  } finally {
    await setRequireConfirmed(adminPage, false);
  }
  // Off again: an unconfirmed reader sees the form.
  await readerContext.clearCookies();
  await loginAs(readerContext, await createUser());
  await page.goto(article.url);
  await expect(page.getByRole("textbox", { name: "Comment" })).toBeVisible();
  await readerContext.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the setting saves as a plain form and the page shows the notice", async ({ adminPage, browser }) => {
    const article = createArticle();
    const readerContext = await browser.newContext({ javaScriptEnabled: false });
    await loginAs(readerContext, await createUser());
    const page = await readerContext.newPage();
    try {
      await setRequireConfirmed(adminPage, true);
      await page.goto(article.url);
      await expect(page.locator("#comments").getByText("Confirm your email to comment.")).toBeVisible();
      await expect(page.getByRole("textbox", { name: "Comment" })).toHaveCount(0);
      await page.getByRole("button", { name: "Send confirmation again" }).click();
      await expect(page.locator("#comments").getByRole("status")).toContainText("We have sent a confirmation link");
    } finally {
      await setRequireConfirmed(adminPage, false);
      await readerContext.close();
    }
  });
});
