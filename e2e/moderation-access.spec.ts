import type { Browser, Page } from "@playwright/test";
import { createUser, expect, loginAs, test, type TestUser } from "./support/fixtures";
import { e2eDb, uniqueSuffix } from "./support/users";
import { logFor, readArticle, readComment, readUser } from "./support/moderation-data";
import { createArticle, insertComment } from "./support/content";

type Captured = { url: string; headers: Record<string, string>; body: Buffer };

/**
 * Runs `trigger` on a staff page and captures the server action request it
 * sends, without letting it through: the staff member's own action never runs.
 */
async function captureAction(page: Page, trigger: () => Promise<void>): Promise<Captured> {
  let captured: Captured | null = null;
  await page.route("**/admin/**", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && !captured) {
      captured = {
        url: request.url(),
        headers: await request.allHeaders(),
        body: request.postDataBuffer() ?? Buffer.alloc(0),
      };
      await route.abort();
      return;
    }
    await route.continue();
  });
  await trigger();
  await expect.poll(() => captured !== null).toBe(true);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  return captured!;
}

/** Sends the captured request again as someone else (or no one). */
async function replay(browser: Browser, captured: Captured, as: TestUser | null) {
  const context = await browser.newContext();
  if (as) await loginAs(context, as);
  const keep = ["content-type", "next-action", "next-router-state-tree", "accept", "origin"];
  const headers = Object.fromEntries(Object.entries(captured.headers).filter(([k]) => keep.includes(k)));
  const response = await context.request.post(captured.url, { headers, data: captured.body, maxRedirects: 0 });
  await context.close();
  return response;
}

function logRowsBy(userId: string): number {
  return (
    e2eDb().$client.prepare("select count(*) as n from moderation_log where actor_id = ?").get(userId) as { n: number }
  ).n;
}

test.describe("staff pages refuse readers", () => {
  test("a reader gets 404 on every staff page", async ({ readerPage: page }) => {
    const someone = await createUser();
    const article = createArticle();
    for (const path of [
      "/admin",
      "/admin/moderation",
      "/admin/moderation?queue=reported",
      "/admin/settings",
      "/admin/users",
      `/admin/users/${someone.id}`,
      "/admin/log",
      "/admin/articles",
      `/admin/articles/${article.slug}`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Moderation", level: 1 })).toHaveCount(0);
    }
  });

  test("a signed-out visitor is sent to sign in", async ({ page }) => {
    for (const path of ["/admin", "/admin/moderation", "/admin/users", "/admin/log", "/admin/settings"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/signin/);
    }
  });
});

test.describe("replayed staff actions change nothing", () => {
  test("approve and bulk reject, replayed by a reader or signed out", async ({
    moderatorPage: page,
    reader,
    browser,
  }) => {
    const author = await createUser();
    const article = createArticle();
    const one = insertComment({ articleId: article.id, authorId: author.id, status: "pending" });
    const two = insertComment({ articleId: article.id, authorId: author.id, status: "pending" });

    await page.goto("/admin/moderation?queue=pending");
    const item = page.getByRole("listitem").filter({ hasText: one.body });
    const single = await captureAction(page, () => item.getByRole("button", { name: "Approve" }).click());
    await page.goto("/admin/moderation?queue=pending");
    await page.getByRole("listitem").filter({ hasText: one.body }).getByRole("checkbox").check();
    await page.getByRole("listitem").filter({ hasText: two.body }).getByRole("checkbox").check();
    const bulk = await captureAction(page, () => page.getByRole("button", { name: "Remove selected" }).click());

    for (const captured of [single, bulk]) {
      await replay(browser, captured, reader);
      await replay(browser, captured, null);
    }
    expect(readComment(one.id).status).toBe("pending");
    expect(readComment(two.id).status).toBe("pending");
    expect(readArticle(article.id).comment_count).toBe(0);
    expect(logFor("comment", one.id)).toEqual([]);
    expect(logRowsBy(reader.id)).toBe(0);
  });

  test("a suspended moderator loses staff powers until lifted: pages 404, replayed approvals change nothing", async ({
    moderatorPage: page,
    browser,
  }) => {
    const author = await createUser();
    const article = createArticle();
    const held = insertComment({ articleId: article.id, authorId: author.id, status: "pending" });
    await page.goto("/admin/moderation?queue=pending");
    const item = page.getByRole("listitem").filter({ hasText: held.body });
    const approve = await captureAction(page, () => item.getByRole("button", { name: "Approve" }).click());

    const suspended = await createUser({
      role: "moderator",
      status: "suspended",
      suspendedUntil: new Date(Date.now() + 24 * 60 * 60_000),
      statusReason: "Under review",
    });
    await replay(browser, approve, suspended);
    expect(readComment(held.id).status).toBe("pending");
    expect(logRowsBy(suspended.id)).toBe(0);

    const context = await browser.newContext();
    await loginAs(context, suspended);
    const suspendedPage = await context.newPage();
    for (const path of ["/admin", "/admin/moderation"]) {
      const response = await suspendedPage.goto(path);
      expect(response?.status()).toBe(404);
    }
    // Once the suspension has ended, the role applies again.
    e2eDb()
      .$client.prepare("update users set suspended_until = ? where id = ?")
      .run(Date.now() - 60_000, suspended.id);
    expect((await suspendedPage.goto("/admin/moderation"))?.status()).toBe(200);
    await context.close();
  });

  test("suspend and lift, replayed by a reader", async ({ moderatorPage: page, reader, browser }) => {
    const target = await createUser();
    const suspended = await createUser({
      status: "suspended",
      suspendedUntil: new Date(Date.now() + 86400_000),
      statusReason: "Cooling off",
    });

    await page.goto(`/admin/users/${target.id}`);
    const suspendForm = page.getByRole("form", { name: "Suspend" });
    await suspendForm.getByRole("textbox", { name: "Reason" }).fill("Replayed reason");
    const suspend = await captureAction(page, () => suspendForm.getByRole("button", { name: "Suspend" }).click());

    await page.goto(`/admin/users/${suspended.id}`);
    const lift = await captureAction(page, () =>
      page.getByRole("form", { name: "Lift" }).getByRole("button", { name: "Lift" }).click(),
    );

    await replay(browser, suspend, reader);
    await replay(browser, lift, reader);
    expect(readUser(target.id).status).toBe("active");
    expect(readUser(suspended.id)).toMatchObject({ status: "suspended", status_reason: "Cooling off" });
    expect(logRowsBy(reader.id)).toBe(0);
  });

  test("ban, role change and settings, replayed by a reader and by a moderator", async ({
    adminPage: page,
    reader,
    browser,
  }) => {
    const moderator = await createUser({ role: "moderator" });
    const target = await createUser();
    await page.goto(`/admin/users/${target.id}`);
    const banForm = page.getByRole("form", { name: "Ban" });
    await banForm.getByRole("textbox", { name: "Reason" }).fill("Replayed ban");
    const ban = await captureAction(page, () => banForm.getByRole("button", { name: "Ban" }).click());
    await page.goto(`/admin/users/${target.id}`);
    const role = await captureAction(page, () => page.getByRole("button", { name: "Make admin" }).click());

    const word = `replayed${uniqueSuffix()}`;
    await page.goto("/admin/settings");
    await page.getByRole("textbox", { name: "Banned words" }).fill(word);
    const settings = await captureAction(page, () => page.getByRole("button", { name: "Save settings" }).click());

    for (const as of [reader, moderator]) {
      await replay(browser, ban, as);
      await replay(browser, role, as);
      await replay(browser, settings, as);
    }
    expect(readUser(target.id)).toMatchObject({ status: "active", role: "reader" });
    const stored = e2eDb().$client.prepare("select value from settings where key = 'bannedWords'").get() as
      { value: string } | undefined;
    expect(stored?.value ?? "").not.toContain(word);
    expect(logRowsBy(reader.id)).toBe(0);
    expect(logRowsBy(moderator.id)).toBe(0);
  });

  test("closing comments and article pre-moderation, replayed by a reader", async ({
    adminPage: page,
    reader,
    browser,
  }) => {
    const article = createArticle();
    await page.goto(`/admin/articles/${article.slug}`);
    const close = await captureAction(page, () => page.getByRole("button", { name: "Close comments" }).click());
    await page.goto(`/admin/articles/${article.slug}`);
    const form = page.getByRole("form", { name: "Article pre-moderation" });
    await form.getByRole("radio", { name: "Everyone" }).check();
    const premod = await captureAction(page, () => form.getByRole("button", { name: "Save pre-moderation" }).click());

    await replay(browser, close, reader);
    await replay(browser, premod, reader);
    expect(readArticle(article.id)).toMatchObject({ comments_open: 1, premod_override: null });
    expect(logFor("article", article.id)).toEqual([]);
  });
});
