/**
 * A busy thread, with the reply and report forms open, passes axe (WCAG 2.2 AA)
 * in light and dark, for a signed-in reader and for the anonymous page.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, createUser } from "./support/fixtures";
import { createArticle, insertComment } from "./support/content";

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .include("#comments")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

function busyThread(readerId: string, otherId: string) {
  const article = createArticle();
  const t = Date.now() - 3 * 3600_000;
  const root = insertComment({
    articleId: article.id,
    authorId: otherId,
    body: "A point worth discussing, with a source: https://example.com/a",
    createdAt: new Date(t),
    likeCount: 4,
  });
  const reply = insertComment({
    articleId: article.id,
    authorId: readerId,
    parentId: root.id,
    body: "My reply",
    createdAt: new Date(t + 60_000),
  });
  insertComment({
    articleId: article.id,
    authorId: otherId,
    parentId: reply.id,
    body: "A third level",
    createdAt: new Date(t + 120_000),
  });
  const removed = insertComment({
    articleId: article.id,
    authorId: otherId,
    body: "to be removed",
    createdAt: new Date(t + 180_000),
    status: "rejected",
  });
  insertComment({
    articleId: article.id,
    authorId: readerId,
    parentId: removed.id,
    body: "Reply under a removed comment",
    createdAt: new Date(t + 240_000),
  });
  insertComment({
    articleId: article.id,
    authorId: readerId,
    body: "Held https://example.org",
    status: "pending",
    createdAt: new Date(Date.now() - 60_000),
  });
  return { article, root };
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`comments accessibility (${colorScheme})`, () => {
    test.use({ colorScheme });

    test("signed in, with the reply and report forms open", async ({ readerPage: page, reader }) => {
      const { article, root } = busyThread(reader.id, (await createUser()).id);
      await page.goto(`${article.url}?reply=${root.id}`);
      await expect(page.getByRole("textbox", { name: "Reply" })).toBeVisible();
      await expectNoViolations(page);
      await page.goto(`${article.url}?report=${root.id}`);
      await expect(page.getByRole("button", { name: "Send report" })).toBeVisible();
      await expectNoViolations(page);
    });

    test("anonymous", async ({ page }) => {
      const { article } = busyThread((await createUser()).id, (await createUser()).id);
      await page.goto(article.url);
      await expect(page.getByRole("link", { name: "Sign in to comment" })).toBeVisible();
      await expectNoViolations(page);
    });
  });
}
