/**
 * Big threads: 250 comments page 20 at a time through `Show more comments`
 * with no duplicates or gaps, and a permalink to one far down lands on it.
 */
import type { Page } from "@playwright/test";
import { test, expect, createUser } from "./support/fixtures";
import { createArticle, insertManyComments } from "./support/content";

async function idsOnPage(page: Page): Promise<number[]> {
  return page
    .locator("#comments ol > li > article[id^='comment-']")
    .evaluateAll((els) => els.map((e) => Number(e.id.replace("comment-", ""))));
}

test.describe("a thread of 250 comments", () => {
  test("pages 20 at a time, newest first, with no duplicates or gaps", async ({ page }) => {
    const article = createArticle();
    const author = await createUser();
    const ids = insertManyComments(article.id, author.id, 250);
    await page.goto(article.url);
    await expect(page.getByRole("heading", { level: 2, name: "250 Comments" })).toBeVisible();

    const seen: number[] = [];
    for (let p = 1; p <= 13; p++) {
      const onPage = await idsOnPage(page);
      expect(onPage.length, `page ${p}`).toBe(p < 13 ? 20 : 10);
      seen.push(...onPage);
      const more = page.getByRole("link", { name: "Show more comments" });
      if (p < 13) {
        await more.click();
        await expect.poll(async () => (await idsOnPage(page))[0]).not.toBe(onPage[0]);
      } else {
        await expect(more).toHaveCount(0);
      }
    }
    expect(seen).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(250);
  });

  test("pages in Oldest order too", async ({ page }) => {
    const article = createArticle();
    const ids = insertManyComments(article.id, (await createUser()).id, 45);
    await page.goto(`${article.url}?sort=oldest`);
    const seen: number[] = [];
    for (let p = 1; p <= 3; p++) {
      const onPage = await idsOnPage(page);
      seen.push(...onPage);
      if (p < 3) {
        await page.getByRole("link", { name: "Show more comments" }).click();
        await expect.poll(async () => (await idsOnPage(page))[0]).not.toBe(onPage[0]);
      }
    }
    expect(seen).toEqual(ids);
  });

  test("a permalink to a comment on a later page lands on that comment", async ({ page }) => {
    const article = createArticle();
    const ids = insertManyComments(article.id, (await createUser()).id, 250);
    const target = ids[100]!; // the 150th newest: page 8
    await page.goto(`${article.url}?c=${target}#comment-${target}`);
    const comment = page.locator(`#comment-${target}`);
    await expect(comment).toBeVisible();
    await expect(comment).toContainText("Comment number 101");
    await expect(comment).toBeInViewport();
    // Reading on continues from there, without gaps.
    expect((await idsOnPage(page)).at(-1)).toBe(ids[81]);
    await page.getByRole("link", { name: "Show more comments" }).click();
    await expect(page.locator(`#comment-${ids[80]}`)).toBeVisible();
    expect((await idsOnPage(page))[0]).toBe(ids[80]);
  });

  test("a signed-in reader's permalink lands too, with the controls of the live page", async ({ readerPage: page }) => {
    const article = createArticle();
    const ids = insertManyComments(article.id, (await createUser()).id, 60);
    const target = ids[2]!;
    await page.goto(`${article.url}?c=${target}#comment-${target}`);
    const comment = page.locator(`#comment-${target}`);
    await expect(comment).toBeInViewport();
    await expect(comment.getByRole("button", { name: "Like" })).toBeVisible();
  });
});
