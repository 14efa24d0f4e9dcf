/**
 * The anonymous reading path is served from a cache: these tests prove the
 * cache never leaks a signed-in page, never goes stale for more than two
 * seconds after a comment changes, and says so in its Cache-Control headers.
 *
 * Each test reads its own freshly inserted article, so other specs' comments
 * never push ours off the first page.
 */
import type { Browser, Locator, Page, Response } from "@playwright/test";
import { test, expect, createUser, type TestUser } from "./support/fixtures";
import { createArticle, insertManyComments } from "./support/content";
import { loginAs, uniqueSuffix } from "./support/users";

/** Writes are visible to anonymous readers within this many milliseconds (through nginx: 10 s, playwright.topology.config.ts). */
const FRESH_WITHIN_MS = Number(process.env.E2E_FRESH_WITHIN_MS ?? 2_000);

async function anonymousPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** A page in a browser context of its own, signed in as `user` (fixture pages share one context). */
async function pageSignedInAs(browser: Browser, user: TestUser): Promise<Page> {
  const context = await browser.newContext();
  await loginAs(context, user);
  return context.newPage();
}

/**
 * Reloads the anonymous page until `check` passes. Fails if a reload that
 * started more than FRESH_WITHIN_MS after `since` (the moment the write was
 * acknowledged) still showed the old page. The budget is about what the server
 * answers, so it is counted from each reload's start: a browser slowed by a
 * busy machine may take longer to show the page, never to be sent it.
 */
async function expectAnonymousWithin(page: Page, url: string, since: number, check: (page: Page) => Promise<void>) {
  // Ends: either a reload shows the change, or one started after the budget fails.
  for (;;) {
    const startedAt = Date.now();
    await page.goto(url, { waitUntil: "domcontentloaded" });
    const fresh = await check(page).then(
      () => true,
      () => false,
    );
    if (fresh) return;
    expect(
      startedAt - since,
      `a reload ${startedAt - since} ms after the write still showed the old page`,
    ).toBeLessThanOrEqual(FRESH_WITHIN_MS);
  }
}

/**
 * Clicks and returns when the server acknowledged the write: the moment the
 * action's answer arrived (the write is committed before it is sent). The
 * answer must also finish; the freshness budget is counted from the headers.
 */
async function acknowledgedAt(page: Page, click: () => Promise<void>): Promise<number> {
  const isAction = (r: Response) => r.request().method() === "POST" && Boolean(r.request().headers()["next-action"]);
  const [response] = await Promise.all([page.waitForResponse(isAction), click()]);
  const at = Date.now();
  await response.finished();
  return at;
}

async function postComment(page: Page, text: string): Promise<void> {
  await page.getByLabel("Comment", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
}

function commentArticle(page: Page, text: string) {
  return page.locator('article[id^="comment-"]').filter({ hasText: text });
}

function buttonOrLink(scope: Locator, name: string) {
  return scope.getByRole("button", { name, exact: true }).or(scope.getByRole("link", { name, exact: true }));
}

function cacheControl(response: Response | null): string {
  expect(response, "the navigation has a response").not.toBeNull();
  return response!.headers()["cache-control"] ?? "";
}

function expectPublicCache(value: string) {
  expect(value).toMatch(/\bpublic\b/);
  expect(value).toMatch(/\bs-maxage=\d+/);
  expect(value).toMatch(/\bstale-while-revalidate=\d+/);
  expect(value).not.toMatch(/private|no-store/);
}

function expectPrivateNoStore(value: string) {
  expect(value).toMatch(/\bprivate\b/);
  expect(value).toMatch(/\bno-store\b/);
  expect(value).not.toMatch(/\bpublic\b|s-maxage/);
}

test.describe("anonymous readers get the cached page, never someone else's", () => {
  test("a signed-in reader's page (name, comment form) never reaches an anonymous reader", async ({
    browser,
    readerPage,
    reader,
  }) => {
    const article = createArticle({ section: "Politics" });

    await readerPage.goto(article.url);
    await expect(readerPage.getByRole("banner")).toContainText(reader.name);
    await expect(readerPage.getByLabel("Comment", { exact: true })).toBeVisible();

    const anonymous = await anonymousPage(browser);
    for (const url of [article.url, article.url, "/", `/sections/${article.section}`]) {
      await anonymous.goto(url);
      await expect(anonymous.locator("body")).not.toContainText(reader.name);
      await expect(anonymous.getByRole("button", { name: "Sign out" })).toHaveCount(0);
    }
    await anonymous.goto(article.url);
    await expect(anonymous.getByRole("link", { name: "Sign in to comment" })).toBeVisible();
    await expect(anonymous.getByLabel("Comment", { exact: true })).toHaveCount(0);
    await expect(anonymous.getByRole("button", { name: "Post comment" })).toHaveCount(0);
  });

  test("a signed-in reader gets the live page even after anonymous readers filled the cache", async ({
    browser,
    page,
    reader,
  }) => {
    const article = createArticle({ section: "Politics" });
    const anonymous = await anonymousPage(browser);
    await anonymous.goto(article.url);
    await anonymous.goto(article.url);
    await expect(anonymous.getByRole("link", { name: "Sign in to comment" })).toBeVisible();

    await loginAs(page, reader);
    await page.goto(article.url);
    await expect(page.getByRole("banner")).toContainText(reader.name);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page.getByLabel("Comment", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in to comment" })).toHaveCount(0);
  });
});

test.describe("Cache-Control", () => {
  test("signed-in responses are private, no-store", async ({ readerPage }) => {
    const article = createArticle({ section: "Politics" });
    for (const url of [article.url, "/", `/sections/${article.section}`]) {
      const response = await readerPage.goto(url);
      expect(response?.status()).toBe(200);
      expectPrivateNoStore(cacheControl(response));
    }
    const api = await readerPage.request.get(article.url);
    expectPrivateNoStore(api.headers()["cache-control"] ?? "");
  });

  test("anonymous article, front and section responses are public with s-maxage and stale-while-revalidate", async ({
    page,
  }) => {
    const article = createArticle({ section: "Politics" });
    for (const url of [article.url, "/", `/sections/${article.section}`]) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      expectPublicCache(cacheControl(response));
      // A second request is served from the cache with the same headers.
      const again = await page.request.get(url);
      expect(again.status()).toBe(200);
      expectPublicCache(again.headers()["cache-control"] ?? "");
    }
  });

  test("comment pages beyond the first are cached the same way", async ({ page }) => {
    const article = createArticle({ section: "Politics" });
    const author = await createUser();
    const suffix = uniqueSuffix();
    const bodies = Array.from({ length: 25 }, (_, i) => `Paged comment ${i + 1} of run ${suffix}`);
    insertManyComments(article.id, author.id, bodies);

    await page.goto(article.url);
    // Newest first: the first page ends at comment 6; the oldest five are on the next.
    await expect(page.getByText(bodies[24]!, { exact: true })).toBeVisible();
    await expect(page.getByText(bodies[0]!, { exact: true })).toHaveCount(0);
    const more = page.getByRole("link", { name: "Show more comments" });
    const href = await more.getAttribute("href");
    expect(href).toBeTruthy();

    const response = await page.goto(href!);
    expect(response?.status()).toBe(200);
    expectPublicCache(cacheControl(response));
    await expect(page.getByText(bodies[0]!, { exact: true })).toBeVisible();
    await expect(page.getByText(bodies[24]!, { exact: true })).toHaveCount(0);

    const again = await page.request.get(href!);
    expectPublicCache(again.headers()["cache-control"] ?? "");
    expect(await again.text()).toContain(bodies[0]!);
  });
});

test.describe("a comment change reaches anonymous readers within 2 seconds", () => {
  test("a new comment", async ({ browser, readerPage }) => {
    const article = createArticle({ section: "Politics" });
    const text = `Fresh comment ${uniqueSuffix()} for the anonymous cache`;
    const anonymous = await anonymousPage(browser);
    await anonymous.goto(article.url);
    await expect(anonymous.getByText("No comments yet. Be the first to comment!")).toBeVisible();

    await readerPage.goto(article.url);
    await readerPage.getByLabel("Comment", { exact: true }).fill(text);
    const written = await acknowledgedAt(readerPage, () =>
      readerPage.getByRole("button", { name: "Post comment" }).click(),
    );
    // The author sees it at once.
    await expect(commentArticle(readerPage, text)).toBeVisible();

    await expectAnonymousWithin(anonymous, article.url, written, async (p) => {
      expect(await commentArticle(p, text).count()).toBe(1);
      expect(await p.getByRole("heading", { name: "1 Comment", exact: true }).count()).toBe(1);
    });
  });

  test("an edited comment", async ({ browser, readerPage }) => {
    const article = createArticle({ section: "Politics" });
    const suffix = uniqueSuffix();
    const original = `Original wording ${suffix}`;
    const edited = `Edited wording ${suffix}`;
    await readerPage.goto(article.url);
    await postComment(readerPage, original);
    await expect(commentArticle(readerPage, original)).toBeVisible();

    const anonymous = await anonymousPage(browser);
    await anonymous.goto(article.url);
    await expect(commentArticle(anonymous, original)).toHaveCount(1);

    const comment = commentArticle(readerPage, original);
    await buttonOrLink(comment, "Edit").click();
    const box = readerPage.getByLabel("Edit comment");
    await expect(box).toHaveValue(original);
    await box.fill(edited);
    const written = await acknowledgedAt(readerPage, () => readerPage.getByRole("button", { name: "Save" }).click());
    await expect(commentArticle(readerPage, edited)).toBeVisible();

    await expectAnonymousWithin(anonymous, article.url, written, async (p) => {
      expect(await commentArticle(p, edited).count()).toBe(1);
      expect(await p.getByText(original).count()).toBe(0);
    });
  });

  test("a deleted comment", async ({ browser, readerPage }) => {
    const article = createArticle({ section: "Politics" });
    const text = `Soon deleted ${uniqueSuffix()}`;
    await readerPage.goto(article.url);
    await postComment(readerPage, text);
    await expect(commentArticle(readerPage, text)).toBeVisible();

    const anonymous = await anonymousPage(browser);
    // The first anonymous visit after the post already shows it (no polling: setup, not the timed part).
    await anonymous.goto(article.url);
    await expect(commentArticle(anonymous, text)).toHaveCount(1);

    await buttonOrLink(commentArticle(readerPage, text), "Delete").click();
    const written = await acknowledgedAt(readerPage, () =>
      readerPage.getByRole("button", { name: "Confirm delete" }).click(),
    );

    await expectAnonymousWithin(anonymous, article.url, written, async (p) => {
      expect(await p.getByText(text).count()).toBe(0);
      expect(await p.getByText("No comments yet. Be the first to comment!").count()).toBe(1);
    });
    await readerPage.goto(article.url);
    await expect(readerPage.getByText(text)).toHaveCount(0);
  });

  test("a like (an isolated like expires at once; a burst shares its expiries)", async ({ browser, readerPage }) => {
    const article = createArticle({ section: "Politics" });
    const author = await createUser();
    const text = `Worth a like ${uniqueSuffix()}`;
    insertManyComments(article.id, author.id, [text]);
    const anonymous = await anonymousPage(browser);
    await anonymous.goto(article.url);
    await expect(commentArticle(anonymous, text)).toHaveCount(1);
    await expect(commentArticle(anonymous, text).getByText("1 like")).toHaveCount(0);

    await readerPage.goto(article.url);
    const like = commentArticle(readerPage, text).getByRole("button", { name: "Like" });
    const written = await acknowledgedAt(readerPage, () => like.click());
    await expect(like).toHaveAttribute("aria-pressed", "true");

    await expectAnonymousWithin(anonymous, article.url, written, async (p) => {
      expect(await commentArticle(p, text).getByText("1 like", { exact: true }).count()).toBe(1);
    });
  });

  test("an approved comment", async ({ browser, reader, moderator }) => {
    const article = createArticle({ section: "Politics" });
    // A reader with no approved comment who posts a link is held for review.
    const text = `Held for review ${uniqueSuffix()} https://example.com/source`;
    const page = await pageSignedInAs(browser, reader);
    const moderatorPage = await pageSignedInAs(browser, moderator);
    await page.goto(article.url);
    await postComment(page, text);
    await expect(page.getByText("Your comment is awaiting moderation.")).toBeVisible();

    const anonymous = await anonymousPage(browser);
    await anonymous.goto(article.url);
    await expect(anonymous.getByText(text)).toHaveCount(0);

    await moderatorPage.goto("/admin/moderation");
    await moderatorPage.getByRole("link", { name: /^Pending/ }).click();
    const item = moderatorPage.getByRole("listitem").filter({ hasText: text });
    const written = await acknowledgedAt(moderatorPage, () => item.getByRole("button", { name: "Approve" }).click());
    await expect(moderatorPage.getByRole("listitem").filter({ hasText: text })).toHaveCount(0);

    await expectAnonymousWithin(anonymous, article.url, written, async (p) => {
      expect(await commentArticle(p, text).count()).toBe(1);
    });
  });

  test("a rejected comment", async ({ browser, readerPage, moderator }) => {
    const article = createArticle({ section: "Politics" });
    const moderatorPage = await pageSignedInAs(browser, moderator);
    const text = `Soon rejected ${uniqueSuffix()}`;
    await readerPage.goto(article.url);
    await postComment(readerPage, text);
    await expect(commentArticle(readerPage, text)).toBeVisible();

    const anonymous = await anonymousPage(browser);
    // The first anonymous visit after the post already shows it (no polling: setup, not the timed part).
    await anonymous.goto(article.url);
    await expect(commentArticle(anonymous, text)).toHaveCount(1);

    await moderatorPage.goto("/admin/moderation");
    await moderatorPage.getByRole("link", { name: /^Approved/ }).click();
    const item = moderatorPage.getByRole("listitem").filter({ hasText: text });
    const written = await acknowledgedAt(moderatorPage, () => item.getByRole("button", { name: "Reject" }).click());
    await expect(moderatorPage.getByRole("listitem").filter({ hasText: text })).toHaveCount(0);

    await expectAnonymousWithin(anonymous, article.url, written, async (p) => {
      expect(await p.getByText(text).count()).toBe(0);
    });
  });
});
