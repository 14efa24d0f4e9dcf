/**
 * The whole conversation works with JavaScript off: every control is a link
 * or a plain form, and every action answers with a page.
 */
import { test, expect, createUser } from "./support/fixtures";
import { findCommentIdByBody, getCommentRow, listReports } from "./support/comment-data";
import { createArticle, insertComment } from "./support/content";
import { uniqueSuffix } from "./support/users";

const MINUTE = 60_000;

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("posting a comment", async ({ readerPage: page, reader }) => {
    const article = createArticle();
    await page.goto(article.url);
    const text = `Posted the old-fashioned way ${uniqueSuffix()}`;
    await page.getByRole("textbox", { name: "Comment" }).fill(text);
    await page.getByRole("button", { name: "Post comment" }).click();
    const comment = page.locator("article", { hasText: text });
    await expect(comment).toBeVisible();
    await expect(comment).toContainText(reader.name);
    await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("");
    await expect(page.getByRole("heading", { level: 2, name: "1 Comment" })).toBeVisible();
  });

  test("an invalid comment shows the error and keeps the text", async ({ readerPage: page }) => {
    const article = createArticle();
    await page.goto(article.url);
    const long = "z".repeat(5001);
    await page.getByRole("textbox", { name: "Comment" }).fill(long);
    await page.getByRole("button", { name: "Post comment" }).click();
    const form = page.locator("form", { has: page.getByRole("button", { name: "Post comment" }) });
    await expect(form.getByRole("alert")).toContainText("too long");
    await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue(long);
  });

  test("replying through the Reply link's own form", async ({ readerPage: page }) => {
    const article = createArticle();
    const parent = insertComment({
      articleId: article.id,
      authorId: (await createUser()).id,
      body: "Is the pier open?",
    });
    await page.goto(article.url);
    await page.locator(`#comment-${parent.id}`).getByRole("link", { name: "Reply" }).click();
    await expect(page).toHaveURL(new RegExp(`reply=${parent.id}`));
    const text = `It reopened on Monday ${uniqueSuffix()}`;
    await page.getByRole("textbox", { name: "Reply" }).fill(text);
    await page.getByRole("button", { name: "Post reply" }).click();
    await expect(page.locator("article", { hasText: text })).toBeVisible();
    expect(getCommentRow(findCommentIdByBody(article.id, text))?.parent_id).toBe(parent.id);
  });

  test("liking and unliking", async ({ readerPage: page }) => {
    const article = createArticle();
    const c = insertComment({ articleId: article.id, authorId: (await createUser()).id, body: "Worth a like" });
    await page.goto(article.url);
    const like = () => page.locator(`#comment-${c.id}`).getByRole("button", { name: "Like" });
    await expect(like()).toHaveAttribute("aria-pressed", "false");
    await like().click();
    await expect(like()).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator(`#comment-${c.id}`).getByText("1 like")).toBeVisible();
    expect(getCommentRow(c.id)?.like_count).toBe(1);
    await like().click();
    await expect(like()).toHaveAttribute("aria-pressed", "false");
    expect(getCommentRow(c.id)?.like_count).toBe(0);
  });

  test("deleting on a small confirmation view", async ({ readerPage: page, reader }) => {
    const article = createArticle();
    const c = insertComment({ articleId: article.id, authorId: reader.id, body: "Second thoughts" });
    await page.goto(article.url);
    await page.locator(`#comment-${c.id}`).getByRole("link", { name: "Delete" }).click();
    await expect(page).toHaveURL(new RegExp(`delete=${c.id}`));
    await page.getByRole("button", { name: "Confirm delete" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "0 Comments" })).toBeVisible();
    await expect(page.getByText("Second thoughts")).toHaveCount(0);
    expect(getCommentRow(c.id)?.deleted_at).not.toBeNull();
  });

  test("editing within the window", async ({ readerPage: page, reader }) => {
    const article = createArticle();
    const c = insertComment({
      articleId: article.id,
      authorId: reader.id,
      body: "Frist!",
      createdAt: new Date(Date.now() - MINUTE),
    });
    await page.goto(article.url);
    await page.locator(`#comment-${c.id}`).getByRole("link", { name: "Edit" }).click();
    await expect(page.getByRole("textbox", { name: "Edit comment" })).toHaveValue("Frist!");
    await page.getByRole("textbox", { name: "Edit comment" }).fill("First!");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator(`#comment-${c.id}`)).toContainText("First!");
    await expect(page.locator(`#comment-${c.id}`).getByText("edited", { exact: true })).toBeVisible();
  });

  test("reporting", async ({ readerPage: page, reader }) => {
    const article = createArticle();
    const c = insertComment({ articleId: article.id, authorId: (await createUser()).id, body: "Rude words here" });
    await page.goto(article.url);
    await page.locator(`#comment-${c.id}`).getByRole("link", { name: "Report" }).click();
    await page.getByRole("radiogroup", { name: "Reason" }).getByRole("radio", { name: "Abuse" }).check();
    await page.getByRole("button", { name: "Send report" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Thanks for reporting." })).toBeVisible();
    expect(listReports(c.id)).toEqual([{ user_id: reader.id, reason: "abuse", note: null }]);
  });

  test("sorting with links: Newest, Oldest and Top give three different orders", async ({ page }) => {
    const article = createArticle();
    const author = await createUser();
    const t = Date.now() - 30 * MINUTE;
    // The most liked is neither the newest nor the oldest, so each sort has its own order.
    const a = insertComment({ articleId: article.id, authorId: author.id, createdAt: new Date(t), likeCount: 1 });
    const b = insertComment({
      articleId: article.id,
      authorId: author.id,
      createdAt: new Date(t + MINUTE),
      likeCount: 5,
    });
    const c = insertComment({
      articleId: article.id,
      authorId: author.id,
      createdAt: new Date(t + 2 * MINUTE),
      likeCount: 0,
    });
    const order = () =>
      page
        .locator("#comments ol > li > article")
        .evaluateAll((els) => els.map((e) => Number(e.id.replace("comment-", ""))));
    await page.goto(article.url);
    await expect.poll(order).toEqual([c.id, b.id, a.id]);
    await page.getByRole("link", { name: "Oldest" }).click();
    await expect(page).toHaveURL(/sort=oldest/);
    await expect.poll(order).toEqual([a.id, b.id, c.id]);
    await page.getByRole("link", { name: "Top" }).click();
    await expect(page).toHaveURL(/sort=top/);
    await expect.poll(order).toEqual([b.id, a.id, c.id]);
  });
});
