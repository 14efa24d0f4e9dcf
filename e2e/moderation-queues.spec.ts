import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createUser, expect, test } from "./support/fixtures";
import { insertReport, logFor, openReports, readArticle, readComment } from "./support/moderation-data";
import { createArticle, insertComment } from "./support/content";

function firstInQueue(page: Page) {
  return page.getByRole("list", { name: "Comments in this queue" }).getByRole("listitem").first();
}

function queueItem(page: Page, body: string) {
  return page.getByRole("listitem").filter({ hasText: body });
}

test.describe("moderation queues", () => {
  test("the queues are links with counts, and a held comment says why it is held", async ({ moderatorPage: page }) => {
    const author = await createUser({ createdAt: new Date(Date.now() - 3 * 86400_000) });
    const article = createArticle();
    insertComment({ articleId: article.id, authorId: author.id, status: "approved" });
    insertComment({ articleId: article.id, authorId: author.id, status: "rejected", statusReason: "abuse" });
    const held = insertComment({
      articleId: article.id,
      authorId: author.id,
      body: `See https://example.com/deals for more ${Date.now()}`,
      statusReason: "link from a new reader",
      status: "pending",
    });

    await page.goto("/admin/moderation");
    for (const name of ["Pending", "Reported", "Approved", "Rejected"]) {
      await expect(page.getByRole("link", { name: new RegExp(`^${name}\\b`) })).toBeVisible();
    }
    await expect(page.getByRole("link", { name: /^Pending \d+$/ })).toHaveAttribute("aria-current", "page");

    const item = queueItem(page, held.body);
    await expect(item).toBeVisible();
    await expect(item.getByRole("link", { name: author.name })).toHaveAttribute("href", `/admin/users/${author.id}`);
    await expect(item).toContainText("1 approved · 1 rejected");
    await expect(item).toContainText("member 3 days");
    await expect(item.getByRole("link", { name: article.title })).toBeVisible();
    await expect(item.locator("time")).toHaveText("just now");
    await expect(item).toContainText("contains a link from a reader with no approved comment");
    await expect(item.getByRole("button", { name: "Approve" })).toBeEnabled();
    await expect(item.getByRole("button", { name: "Reject" })).toBeEnabled();
    await expect(item.getByRole("textbox", { name: "Reason" })).toBeVisible();
  });

  test("a suspect word and pre-moderation are named as the reason", async ({ moderatorPage: page }) => {
    const author = await createUser();
    const article = createArticle();
    const suspect = insertComment({
      articleId: article.id,
      authorId: author.id,
      statusReason: "suspect word: scam",
      status: "pending",
    });
    const newReader = insertComment({
      articleId: article.id,
      authorId: author.id,
      statusReason: "pre-moderation: new reader",
      status: "pending",
    });
    await page.goto("/admin/moderation?queue=pending");
    await expect(queueItem(page, suspect.body)).toContainText("Contains the suspect word “scam”");
    await expect(queueItem(page, newReader.body)).toContainText("first comments of a new reader");
  });

  test("approving a pending comment publishes it, counts it and logs it", async ({
    moderatorPage: page,
    moderator,
  }) => {
    const author = await createUser();
    const article = createArticle();
    const held = insertComment({
      articleId: article.id,
      authorId: author.id,
      statusReason: "pre-moderation: everyone",
      status: "pending",
    });

    await page.goto("/admin/moderation?queue=pending");
    await queueItem(page, held.body).getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Approved 1 comment." })).toBeVisible();
    await expect(queueItem(page, held.body)).toHaveCount(0);

    expect(readComment(held.id)).toMatchObject({ status: "approved", moderated_by: moderator.id });
    expect(readArticle(article.id).comment_count).toBe(1);
    expect(logFor("comment", held.id)[0]).toMatchObject({ actor_id: moderator.id, action: "approve" });

    await page.goto(`/articles/${article.slug}`);
    await expect(page.getByRole("heading", { name: "1 Comment", exact: true })).toBeVisible();
    await expect(page.getByText(held.body)).toBeVisible();
  });

  test("rejecting with a reason hides the comment, and its author sees the reason in /account", async ({
    moderatorPage: page,
    browser,
  }) => {
    const author = await createUser();
    const article = createArticle();
    const comment = insertComment({ articleId: article.id, authorId: author.id, status: "approved" });
    const replier = await createUser();
    insertComment({ articleId: article.id, authorId: replier.id, status: "approved", parentId: comment.id });
    expect(readArticle(article.id).comment_count).toBe(2);

    await page.goto("/admin/moderation?queue=approved");
    const item = queueItem(page, comment.body);
    await item.getByRole("textbox", { name: "Reason" }).fill("Personal attack on another reader");
    await item.getByRole("button", { name: "Reject" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Rejected 1 comment." })).toBeVisible();

    expect(readComment(comment.id)).toMatchObject({
      status: "rejected",
      status_reason: "Personal attack on another reader",
    });
    expect(readArticle(article.id).comment_count).toBe(1);

    // The thread keeps its shape: the reply stays under a placeholder.
    await page.goto(`/articles/${article.slug}`);
    await expect(page.getByText(comment.body)).toHaveCount(0);
    await expect(page.locator(`#comment-${comment.id}`)).toContainText("Removed by a moderator");

    const authorContext = await browser.newContext();
    const { loginAs } = await import("./support/users");
    await loginAs(authorContext, author);
    const authorPage = await authorContext.newPage();
    await authorPage.goto("/account");
    const mine = authorPage.getByRole("listitem").filter({ hasText: comment.body });
    await expect(mine).toContainText("Removed by a moderator");
    await expect(mine).toContainText("Personal attack on another reader");
    await authorContext.close();
  });

  test("the Reported queue shows how often and why; approving clears the reports", async ({ moderatorPage: page }) => {
    const author = await createUser();
    const article = createArticle();
    const comment = insertComment({ articleId: article.id, authorId: author.id, status: "approved" });
    const r1 = await createUser();
    const r2 = await createUser();
    insertReport({ commentId: comment.id, userId: r1.id, reason: "spam", note: "Posted the same link twice" });
    insertReport({ commentId: comment.id, userId: r2.id, reason: "off-topic" });

    await page.goto("/admin/moderation?queue=reported");
    await expect(page.getByRole("link", { name: /^Reported \d+$/ })).toHaveAttribute("aria-current", "page");
    const item = queueItem(page, comment.body);
    await expect(item).toContainText("Reported 2 times");
    await expect(item).toContainText("Spam — “Posted the same link twice”");
    await expect(item).toContainText("Off-topic");

    await item.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Approved 1 comment." })).toBeVisible();
    await expect(queueItem(page, comment.body)).toHaveCount(0);
    expect(readComment(comment.id)).toMatchObject({ status: "approved", report_count: 0 });
    expect(openReports(comment.id)).toBe(0);
  });

  test("a rejected comment's Approve restores it", async ({ moderatorPage: page }) => {
    const author = await createUser();
    const article = createArticle();
    const comment = insertComment({
      articleId: article.id,
      authorId: author.id,
      status: "rejected",
      statusReason: "spam",
    });
    await page.goto("/admin/moderation?queue=rejected");
    const item = queueItem(page, comment.body);
    await expect(item.getByRole("button", { name: "Reject" })).toBeDisabled();
    await item.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Approved 1 comment." })).toBeVisible();
    expect(readComment(comment.id).status).toBe("approved");
    expect(readArticle(article.id).comment_count).toBe(1);
  });

  test("several comments approved, then several rejected, together", async ({ moderatorPage: page, moderator }) => {
    const author = await createUser();
    const article = createArticle();
    const a = insertComment({ articleId: article.id, authorId: author.id, status: "pending" });
    const b = insertComment({ articleId: article.id, authorId: author.id, status: "pending" });
    const c = insertComment({ articleId: article.id, authorId: author.id, status: "pending" });

    await page.goto("/admin/moderation?queue=pending");
    await queueItem(page, a.body).getByRole("checkbox").check();
    await queueItem(page, b.body).getByRole("checkbox").check();
    await page.getByRole("button", { name: "Publish selected" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Approved 2 comments." })).toBeVisible();
    expect(readComment(a.id).status).toBe("approved");
    expect(readComment(b.id).status).toBe("approved");
    expect(readComment(c.id).status).toBe("pending");
    expect(readArticle(article.id).comment_count).toBe(2);

    await page.goto("/admin/moderation?queue=approved");
    await queueItem(page, a.body).getByRole("checkbox").check();
    await queueItem(page, b.body).getByRole("checkbox").check();
    await page.getByLabel("Explanation for the selected comments").fill("Coordinated spam");
    await page.getByRole("button", { name: "Remove selected" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Rejected 2 comments." })).toBeVisible();
    expect(readComment(a.id)).toMatchObject({ status: "rejected", status_reason: "Coordinated spam" });
    expect(readComment(b.id)).toMatchObject({ status: "rejected", status_reason: "Coordinated spam" });
    expect(readArticle(article.id).comment_count).toBe(0);
    expect(logFor("comment", a.id)[0]).toMatchObject({
      actor_id: moderator.id,
      action: "reject",
      reason: "Coordinated spam",
    });
  });

  test("keyboard: j moves to a comment, a approves it, focus moves on, r rejects the next", async ({
    moderatorPage: page,
  }) => {
    const author = await createUser();
    const article = createArticle();
    const older = insertComment({
      articleId: article.id,
      authorId: author.id,
      createdAt: new Date(Date.now() + 60_000),
      status: "pending",
    });
    const newer = insertComment({
      articleId: article.id,
      authorId: author.id,
      createdAt: new Date(Date.now() + 120_000),
      status: "pending",
    });
    // Dated a little ahead so they head the newest-first queue whatever else is pending.
    await page.goto("/admin/moderation?queue=pending");
    await expect(firstInQueue(page)).toContainText(newer.body);
    await page.locator("body").press("j");
    await expect(queueItem(page, newer.body)).toBeFocused();
    await page.keyboard.press("a");
    await expect(page.getByRole("status").filter({ hasText: "Approved 1 comment." })).toBeVisible();
    expect(readComment(newer.id).status).toBe("approved");

    // Focus moves on to the comment that took its place.
    await expect(firstInQueue(page)).toContainText(older.body);
    await expect(queueItem(page, older.body)).toBeFocused();
    await page.keyboard.press("r");
    await expect(page.getByRole("status").filter({ hasText: "Rejected 1 comment." })).toBeVisible();
    expect(readComment(older.id).status).toBe("rejected");
  });

  test("the queue meets WCAG 2.2 AA (axe)", async ({ moderatorPage: page }) => {
    const author = await createUser();
    const article = createArticle();
    const comment = insertComment({ articleId: article.id, authorId: author.id, status: "approved" });
    insertReport({ commentId: comment.id, userId: (await createUser()).id, reason: "abuse", note: "Name-calling" });
    await page.goto("/admin/moderation?queue=reported");
    await expect(queueItem(page, comment.body)).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
    expect(results.violations).toEqual([]);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("approve, reject with a reason, and bulk decisions work as plain forms", async ({ moderatorPage: page }) => {
      const author = await createUser();
      const article = createArticle();
      const one = insertComment({ articleId: article.id, authorId: author.id, status: "pending" });
      const two = insertComment({ articleId: article.id, authorId: author.id, status: "pending" });
      const three = insertComment({ articleId: article.id, authorId: author.id, status: "pending" });
      const four = insertComment({ articleId: article.id, authorId: author.id, status: "pending" });

      await page.goto("/admin/moderation?queue=pending");
      await queueItem(page, one.body).getByRole("button", { name: "Approve" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Approved 1 comment." })).toBeVisible();
      expect(readComment(one.id).status).toBe("approved");

      const item = queueItem(page, two.body);
      await item.getByRole("textbox", { name: "Reason" }).fill("Off-topic advertising");
      await item.getByRole("button", { name: "Reject" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Rejected 1 comment." })).toBeVisible();
      expect(readComment(two.id)).toMatchObject({ status: "rejected", status_reason: "Off-topic advertising" });

      await queueItem(page, three.body).getByRole("checkbox").check();
      await queueItem(page, four.body).getByRole("checkbox").check();
      await page.getByRole("button", { name: "Publish selected" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Approved 2 comments." })).toBeVisible();
      expect(readComment(three.id).status).toBe("approved");
      expect(readComment(four.id).status).toBe("approved");
      expect(readArticle(article.id).comment_count).toBe(3);
    });
  });
});
