/**
 * Two app processes and nginx in front (playwright.topology.config.ts): a
 * write acknowledged by one process reaches anonymous readers of the other
 * process within the route cache's promise (2 s, as in one process: the tag
 * expiry travels through Redis) and through nginx within the shared-cache
 * bound (10 s; lib/cache-control.ts). Session pages never cross the cache.
 */
import type { Browser, Page, Response } from "@playwright/test";
import { test, expect, createUser, loginAs, type TestUser } from "../support/fixtures";
import { createArticle, insertManyComments } from "../support/content";
import { uniqueSuffix } from "../support/users";

const processA = process.env.E2E_PROCESS_A_URL!;
const processB = process.env.E2E_PROCESS_B_URL!;
const nginx = process.env.E2E_BASE_URL!;
const PROCESS_FRESH_MS = 2_000;
const NGINX_FRESH_MS = 10_000;
/** nginx answered from its cache: fresh (HIT), or past s-maxage while one request refreshes it (STALE, UPDATING). */
const FROM_CACHE = /^(HIT|STALE|UPDATING)$/;

async function anonymousPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

async function pageSignedInAs(browser: Browser, user: TestUser): Promise<Page> {
  const context = await browser.newContext();
  await loginAs(context, user);
  return context.newPage();
}

function commentArticle(page: Page, text: string) {
  return page.locator('article[id^="comment-"]').filter({ hasText: text });
}

/** When the action's answer arrived (the write commits before it is sent); waits for the answer to finish. */
async function acknowledgedAt(page: Page, click: () => Promise<void>): Promise<number> {
  const isAction = (r: Response) => r.request().method() === "POST" && Boolean(r.request().headers()["next-action"]);
  const [response] = await Promise.all([page.waitForResponse(isAction), click()]);
  const at = Date.now();
  await response.finished();
  return at;
}

/**
 * Reloads `url` (as often as a reader could, at least once a second) until `fresh` holds;
 * fails if a reload that started more than `withinMs` after `since` still
 * showed the old page.
 */
async function expectWithin(
  page: Page,
  url: string,
  since: number,
  withinMs: number,
  fresh: (p: Page) => Promise<boolean>,
) {
  for (;;) {
    const startedAt = Date.now();
    await page.goto(url, { waitUntil: "domcontentloaded" });
    if (await fresh(page)) return;
    expect(
      startedAt - since,
      `${url}: a reload ${startedAt - since} ms after the write still showed the old page`,
    ).toBeLessThanOrEqual(withinMs);
  }
}

test("a comment posted through process A reaches anonymous readers of process B and of nginx", async ({
  browser,
  reader,
}) => {
  const article = createArticle({ section: "Politics" });
  const text = `Across processes ${uniqueSuffix()}`;
  const viaB = await anonymousPage(browser);
  const viaNginx = await anonymousPage(browser);
  // Fill process B's route cache and nginx's cache with the page before the comment.
  await viaB.goto(processB + article.url);
  await viaNginx.goto(nginx + article.url);
  // The same browser asks again: nginx answers from its cache (it keys variants by Accept-Encoding, as Next's Vary says).
  const cached = await viaNginx.goto(nginx + article.url);
  expect(cached?.headers()["x-cache-status"]).toMatch(FROM_CACHE);
  for (const page of [viaB, viaNginx]) {
    await expect(page.getByText("No comments yet. Be the first to comment!")).toBeVisible();
  }

  const author = await pageSignedInAs(browser, reader);
  await author.goto(processA + article.url);
  await author.getByLabel("Comment", { exact: true }).fill(text);
  const written = await acknowledgedAt(author, () => author.getByRole("button", { name: "Post comment" }).click());
  await expect(commentArticle(author, text)).toBeVisible();

  const shows = async (p: Page) => (await commentArticle(p, text).count()) === 1;
  await Promise.all([
    expectWithin(viaB, processB + article.url, written, PROCESS_FRESH_MS, shows),
    expectWithin(viaNginx, nginx + article.url, written, NGINX_FRESH_MS, shows),
  ]);
});

test("a moderator's removal through process A reaches anonymous readers of process B and of nginx", async ({
  browser,
  moderator,
}) => {
  const article = createArticle({ section: "Politics" });
  const author = await createUser();
  const text = `Soon removed across processes ${uniqueSuffix()}`;
  insertManyComments(article.id, author.id, [text]);
  const viaB = await anonymousPage(browser);
  const viaNginx = await anonymousPage(browser);
  for (const [page, origin] of [
    [viaB, processB],
    [viaNginx, nginx],
  ] as const) {
    await page.goto(origin + article.url);
    await expect(commentArticle(page, text)).toHaveCount(1);
  }

  const staff = await pageSignedInAs(browser, moderator);
  await staff.goto(`${processA}/admin/moderation`);
  await staff.getByRole("link", { name: /^Approved/ }).click();
  const item = staff.getByRole("listitem").filter({ hasText: text });
  const written = await acknowledgedAt(staff, () => item.getByRole("button", { name: "Reject" }).click());
  await expect(staff.getByRole("listitem").filter({ hasText: text })).toHaveCount(0);

  const gone = async (p: Page) => (await p.getByText(text).count()) === 0;
  await Promise.all([
    expectWithin(viaB, processB + article.url, written, PROCESS_FRESH_MS, gone),
    expectWithin(viaNginx, nginx + article.url, written, NGINX_FRESH_MS, gone),
  ]);
});

test("through nginx a signed-in reader never gets a cached page, and an anonymous reader never a signed-in one", async ({
  browser,
  reader,
}) => {
  const article = createArticle({ section: "Politics" });
  const signedIn = await pageSignedInAs(browser, reader);
  const anonymous = await anonymousPage(browser);

  // The signed-in reader comes first: nothing of their page may be stored.
  for (const url of [article.url, "/", `/sections/${article.section}`]) {
    const response = await signedIn.goto(nginx + url);
    expect(response?.headers()["cache-control"]).toMatch(/\bprivate\b.*\bno-store\b/);
    expect(response?.headers()["x-cache-status"]).toBe("BYPASS");
    await expect(signedIn.getByRole("banner")).toContainText(reader.name);
  }
  for (const url of [article.url, article.url, "/", `/sections/${article.section}`]) {
    const response = await anonymous.goto(nginx + url);
    expect(response?.headers()["cache-control"]).toMatch(/\bpublic\b/);
    await expect(anonymous.getByRole("button", { name: "Sign out" })).toHaveCount(0);
    await expect(anonymous.locator("body")).not.toContainText(reader.name);
  }
  // Now the anonymous page is in nginx's cache; the signed-in reader still gets the live one.
  const hit = await anonymous.goto(nginx + article.url);
  expect(hit?.headers()["x-cache-status"]).toMatch(FROM_CACHE);
  const live = await signedIn.goto(nginx + article.url);
  expect(live?.headers()["x-cache-status"]).toBe("BYPASS");
  await expect(signedIn.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(signedIn.getByLabel("Comment", { exact: true })).toBeVisible();
});
