/**
 * In-site notifications (issue 14): a reply to my comment, and a moderator's
 * decision on my held comment, reach /notifications and the header's count;
 * nothing about my own actions; Mark all as read, with and without JavaScript;
 * reply mails through the test SMTP server, gathered per thread, with a
 * one-click unsubscribe; moderators' opt-in mails about reports and an
 * overdue review queue.
 */
import AxeBuilder from "@axe-core/playwright";
import { test, expect, createUser, loginAs } from "./support/fixtures";
import { createArticle, insertComment } from "./support/content";
import { findCommentIdByBody } from "./support/comment-data";
import { e2eDb, uniqueSuffix } from "./support/users";
import { mailsTo } from "./support/mailbox";
import { nthMailTo } from "./support/mail-links";

function notificationsOf(userId: string): { kind: string; comment_id: number; reason: string | null }[] {
  return e2eDb()
    .$client.prepare("select kind, comment_id, reason from notifications where user_id = ? order by id")
    .all(userId) as { kind: string; comment_id: number; reason: string | null }[];
}

test.describe.configure({ timeout: 120_000 });

test("a reply reaches the author's notifications and header count, and its link lands on the reply", async ({
  readerPage: page,
  reader,
  browser,
}) => {
  const article = createArticle();
  const author = await createUser({ name: `Comment Author ${uniqueSuffix()}` });
  const parent = insertComment({ articleId: article.id, authorId: author.id, body: "When does the ferry start?" });

  await page.goto(article.url);
  await page.locator(`#comment-${parent.id}`).getByRole("link", { name: "Reply" }).click();
  const text = `At six, every twenty minutes ${uniqueSuffix()}`;
  await page.getByRole("textbox", { name: "Reply" }).fill(text);
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.locator("article", { hasText: text })).toBeVisible();
  const replyId = findCommentIdByBody(article.id, text);
  expect(notificationsOf(author.id)).toEqual([{ kind: "reply", comment_id: replyId, reason: null }]);
  // Nothing for the replier, who acted.
  expect(notificationsOf(reader.id)).toEqual([]);

  const context = await browser.newContext();
  await loginAs(context, author);
  const mine = await context.newPage();
  await mine.goto("/");
  await mine.getByRole("link", { name: "Notifications 1 unread" }).click();
  await expect(mine.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  const item = mine.getByRole("listitem").filter({ hasText: `${reader.name} replied to your comment` });
  await expect(item).toContainText(text);
  await expect(new AxeBuilder({ page: mine }).analyze().then((r) => r.violations)).resolves.toEqual([]);
  await item.getByRole("link", { name: `${reader.name} replied to your comment` }).click();
  await expect(mine).toHaveURL(new RegExp(`\\?c=${replyId}#comment-${replyId}$`));
  await expect(mine.locator(`#comment-${replyId}`)).toContainText(text);

  await mine.goto("/notifications");
  await mine.getByRole("button", { name: "Mark all as read" }).click();
  await expect(mine.getByRole("status")).toHaveText("All caught up.");
  await expect(mine.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
  await context.close();
});

test("replying to yourself notifies nobody", async ({ readerPage: page, reader }) => {
  const article = createArticle();
  const own = insertComment({ articleId: article.id, authorId: reader.id, body: "My first thought." });
  await page.goto(article.url);
  await page.locator(`#comment-${own.id}`).getByRole("link", { name: "Reply" }).click();
  const text = `And a second thought ${uniqueSuffix()}`;
  await page.getByRole("textbox", { name: "Reply" }).fill(text);
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.locator("article", { hasText: text })).toBeVisible();
  expect(notificationsOf(reader.id)).toEqual([]);
});

test("a held comment's author hears that it was approved, or rejected with the reason; a banned author hears nothing", async ({
  moderatorPage: page,
  browser,
}) => {
  const article = createArticle();
  const author = await createUser();
  const kept = insertComment({
    articleId: article.id,
    authorId: author.id,
    status: "pending",
    body: `Held one ${uniqueSuffix()}`,
  });
  const refused = insertComment({
    articleId: article.id,
    authorId: author.id,
    status: "pending",
    body: `Held two ${uniqueSuffix()}`,
  });
  const banned = await createUser({ status: "banned" });
  const silent = insertComment({
    articleId: article.id,
    authorId: banned.id,
    status: "pending",
    body: `Held three ${uniqueSuffix()}`,
  });

  await page.goto("/admin/moderation?queue=pending");
  const approveItem = page.getByRole("listitem").filter({ hasText: kept.body });
  await approveItem.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved 1 comment." })).toBeVisible();
  const rejectItem = page.getByRole("listitem").filter({ hasText: refused.body });
  await rejectItem.getByRole("textbox", { name: "Reason" }).fill("Off-topic for this story");
  await rejectItem.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rejected 1 comment." })).toBeVisible();
  const silentItem = page.getByRole("listitem").filter({ hasText: silent.body });
  await silentItem.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved 1 comment." })).toBeVisible();

  expect(notificationsOf(author.id)).toEqual([
    { kind: "approved", comment_id: kept.id, reason: null },
    { kind: "rejected", comment_id: refused.id, reason: "Off-topic for this story" },
  ]);
  expect(notificationsOf(banned.id)).toEqual([]);

  const context = await browser.newContext();
  await loginAs(context, author);
  const mine = await context.newPage();
  await mine.goto("/notifications");
  await expect(mine.getByRole("link", { name: "Your comment was approved" })).toBeVisible();
  await expect(mine.getByRole("listitem").filter({ hasText: "Your comment was not published" })).toContainText(
    "Moderator’s reason: Off-topic for this story",
  );
  await context.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the list and Mark all as read work as a plain page and form", async ({ readerPage: page, reader }) => {
    const article = createArticle();
    const mine = insertComment({ articleId: article.id, authorId: reader.id });
    const other = await createUser();
    const reply = insertComment({ articleId: article.id, authorId: other.id, parentId: mine.id });
    e2eDb()
      .$client.prepare("insert into notifications (user_id, kind, comment_id, created_at) values (?, 'reply', ?, ?)")
      .run(reader.id, reply.id, Date.now());
    await page.goto("/notifications");
    await expect(page.getByRole("link", { name: "Notifications 1 unread" })).toBeVisible();
    await page.getByRole("button", { name: "Mark all as read" }).click();
    await expect(page.getByRole("status")).toHaveText("All caught up.");
    await expect(page.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
    expect(
      e2eDb()
        .$client.prepare("select count(*) as n from notifications where user_id = ? and read_at is null")
        .get(reader.id),
    ).toEqual({ n: 0 });
  });

  test("signed out, /notifications asks to sign in", async ({ page }) => {
    await page.goto("/notifications");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fnotifications/);
  });
});

test.describe("reply mail", () => {
  function confirm(userId: string) {
    e2eDb().$client.prepare("update users set emailVerified = ? where id = ?").run(Date.now(), userId);
  }
  function readerSettings(userId: string) {
    return e2eDb().$client.prepare("select reply_emails from users where id = ?").get(userId) as {
      reply_emails: number | null;
    };
  }

  test("a reply sends one mail with a link to it; later replies in the thread wait to be gathered; the unsubscribe link works signed out", async ({
    readerPage: page,
    reader,
    browser,
  }) => {
    const article = createArticle({ title: `Mailed thread ${uniqueSuffix()}` });
    const author = await createUser();
    confirm(author.id);
    const parent = insertComment({ articleId: article.id, authorId: author.id, body: "Is the pool open on Sundays?" });

    await page.goto(article.url);
    await page.locator(`#comment-${parent.id}`).getByRole("link", { name: "Reply" }).click();
    const text = `Yes <b>from nine</b> ${uniqueSuffix()}`;
    await page.getByRole("textbox", { name: "Reply" }).fill(text);
    await page.getByRole("button", { name: "Post reply" }).click();
    await expect(page.locator("article", { hasText: text })).toBeVisible();
    const replyId = findCommentIdByBody(article.id, text);

    const mail = await nthMailTo(author.email);
    expect(mail.subject).toBe(`${reader.name} replied to you on “${article.title}”`);
    expect(mail.text).toContain(text);
    // Reader text is escaped in the HTML part, never markup.
    expect(mail.html).toContain("Yes &lt;b&gt;from nine&lt;/b&gt;");
    const unsubscribe = mail.headerLines.find((h) => h.key === "list-unsubscribe")?.line ?? "";
    expect(unsubscribe).toMatch(/<https?:\/\/[^>]+\/api\/unsubscribe\?t=[A-Za-z0-9_-]+&list=replies>/);
    expect(mail.headerLines.find((h) => h.key === "list-unsubscribe-post")?.line).toBe(
      "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
    );
    const link = new RegExp(`https?://[^\\s/]+(/articles/[^\\s]+\\?c=${replyId}#comment-${replyId})`).exec(
      mail.text ?? "",
    );
    expect(link?.[1]).toBeTruthy();

    // The link lands on the reply.
    const anonymous = await browser.newContext();
    const visitor = await anonymous.newPage();
    await visitor.goto(link![1]!);
    await expect(visitor.locator(`#comment-${replyId}`)).toContainText(text);

    // A second reply within 15 minutes: no second mail now, one gathering mail waiting for the window's end.
    const other = await createUser();
    const otherContext = await browser.newContext();
    await loginAs(otherContext, other);
    const otherPage = await otherContext.newPage();
    await otherPage.goto(article.url);
    await otherPage.locator(`#comment-${parent.id}`).getByRole("link", { name: "Reply" }).click();
    await otherPage.getByRole("textbox", { name: "Reply" }).fill(`Also on Saturdays ${uniqueSuffix()}`);
    await otherPage.getByRole("button", { name: "Post reply" }).click();
    await expect.poll(() => notificationsOf(author.id).length).toBe(2);
    const waiting = e2eDb()
      .$client.prepare("select status, next_attempt_at, created_at from mail_outbox where to_address = ? order by id")
      .all(author.email) as { status: string; next_attempt_at: number; created_at: number }[];
    expect(waiting).toHaveLength(2);
    expect(waiting[1]!.status).toBe("queued");
    expect(waiting[1]!.next_attempt_at - waiting[0]!.created_at).toBeGreaterThanOrEqual(15 * 60_000);
    expect(await mailsTo(author.email)).toHaveLength(1);
    await otherContext.close();

    // Unsubscribe, signed out: the link opens a page with one button.
    const unsubscribeUrl = /<(https?:\/\/[^>]+)>/.exec(unsubscribe)![1]!;
    const path = new URL(unsubscribeUrl).pathname + new URL(unsubscribeUrl).search;
    await visitor.goto(path);
    await expect(visitor).toHaveURL(/\/unsubscribe\?t=/);
    await visitor.getByRole("button", { name: "Unsubscribe" }).click();
    await expect(visitor.getByRole("status")).toContainText("will no longer get an email when someone replies");
    expect(readerSettings(author.id).reply_emails).toBe(0);
    await anonymous.close();
  });

  test("one-click unsubscribe (RFC 8058) works with no session; a made-up link changes nothing", async ({
    readerPage: page,
    request,
  }) => {
    const article = createArticle();
    const author = await createUser();
    confirm(author.id);
    const parent = insertComment({ articleId: article.id, authorId: author.id });
    await page.goto(article.url);
    await page.locator(`#comment-${parent.id}`).getByRole("link", { name: "Reply" }).click();
    await page.getByRole("textbox", { name: "Reply" }).fill(`A reply to unsubscribe from ${uniqueSuffix()}`);
    await page.getByRole("button", { name: "Post reply" }).click();
    const mail = await nthMailTo(author.email);
    const url = new URL(
      /<(https?:\/\/[^>]+)>/.exec(mail.headerLines.find((h) => h.key === "list-unsubscribe")!.line)![1]!,
    );
    const bogus = await request.post(`/api/unsubscribe?t=${"x".repeat(32)}`, {
      form: { "List-Unsubscribe": "One-Click" },
    });
    expect(bogus.status()).toBe(404);
    expect(readerSettings(author.id).reply_emails).toBeNull();
    const oneClick = await request.post(url.pathname + url.search, { form: { "List-Unsubscribe": "One-Click" } });
    expect(oneClick.status()).toBe(200);
    expect(readerSettings(author.id).reply_emails).toBe(0);
  });

  test("the account page's checkbox turns reply mails off and on, without JavaScript too", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const author = await createUser();
    confirm(author.id);
    await loginAs(context, author);
    const page = await context.newPage();
    await page.goto("/account");
    const form = page.getByRole("form", { name: "Email settings" });
    await expect(form.getByLabel("Email me when someone replies to me")).toBeChecked();
    await form.getByLabel("Email me when someone replies to me").uncheck();
    await form.getByRole("button", { name: "Save email settings" }).click();
    await expect(page.getByRole("form", { name: "Email settings" }).getByRole("status")).toHaveText(
      "Email settings saved.",
    );
    expect(readerSettings(author.id).reply_emails).toBe(0);
    await expect(page.getByLabel("Email me when someone replies to me")).not.toBeChecked();
    // The moderators' lists are not offered to a reader.
    await expect(page.getByLabel("Email me when a comment is reported")).toHaveCount(0);
    await context.close();
  });
});

test.describe("moderators' mail", () => {
  function staffSettings(userId: string) {
    return e2eDb().$client.prepare("select report_emails, queue_emails from users where id = ?").get(userId) as {
      report_emails: number;
      queue_emails: number;
    };
  }
  function outboxCount(address: string): number {
    const row = e2eDb().$client.prepare("select count(*) as n from mail_outbox where to_address = ?").get(address) as {
      n: number;
    };
    return row.n;
  }

  test("a moderator opts in on /account (without JavaScript) and gets one mail when a comment is first reported; one-click unsubscribe stops them", async ({
    browser,
    readerPage: page,
    request,
  }) => {
    const moderator = await createUser({ role: "moderator" });
    const notOptedIn = await createUser({ role: "moderator" });
    const context = await browser.newContext({ javaScriptEnabled: false });
    await loginAs(context, moderator);
    const account = await context.newPage();
    await account.goto("/account");
    const form = account.getByRole("form", { name: "Email settings" });
    await expect(form.getByLabel("Email me when a comment is reported")).not.toBeChecked();
    await form.getByLabel("Email me when a comment is reported").check();
    await form.getByRole("button", { name: "Save email settings" }).click();
    await expect(account.getByRole("form", { name: "Email settings" }).getByRole("status")).toHaveText(
      "Email settings saved.",
    );
    await expect(account.getByLabel("Email me when a comment is reported")).toBeChecked();
    expect(staffSettings(moderator.id)).toEqual({ report_emails: 1, queue_emails: 0 });
    await context.close();

    const article = createArticle({ title: `Reported thread ${uniqueSuffix()}` });
    const author = await createUser();
    const body = `Buy <i>cheap</i> watches ${uniqueSuffix()}`;
    const target = insertComment({ articleId: article.id, authorId: author.id, body });
    await page.goto(article.url);
    await page.locator(`#comment-${target.id}`).getByRole("link", { name: "Report" }).click();
    await page.getByRole("button", { name: "Send report" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Thanks for reporting." })).toBeVisible();

    const mail = await nthMailTo(moderator.email);
    expect(mail.subject).toBe(`A comment was reported on “${article.title}”`);
    expect(mail.text).toContain(`${author.name} on “${article.title}”: “${body}”`);
    expect(mail.html).toContain("Buy &lt;i&gt;cheap&lt;/i&gt; watches");
    expect(mail.text).toMatch(/https?:\/\/[^\s/]+\/admin\/moderation\?queue=reported/);
    expect(outboxCount(notOptedIn.email)).toBe(0);

    const header = mail.headerLines.find((h) => h.key === "list-unsubscribe")?.line ?? "";
    const url = new URL(/<(https?:\/\/[^>]+)>/.exec(header)![1]!);
    expect(url.searchParams.get("list")).toBe("reports");
    const oneClick = await request.post(url.pathname + url.search, { form: { "List-Unsubscribe": "One-Click" } });
    expect(oneClick.status()).toBe(200);
    expect(staffSettings(moderator.id)).toEqual({ report_emails: 0, queue_emails: 0 });
  });

  test("a held comment waiting more than 30 minutes mails the moderators who asked, once; nobody else", async ({
    browser,
  }) => {
    const moderator = await createUser({ role: "moderator" });
    const context = await browser.newContext();
    await loginAs(context, moderator);
    const account = await context.newPage();
    await account.goto("/account");
    await account.getByLabel("Email me when a comment has waited more than 30 minutes for review").check();
    await account.getByRole("button", { name: "Save email settings" }).click();
    await expect(account.getByRole("form", { name: "Email settings" }).getByRole("status")).toHaveText(
      "Email settings saved.",
    );
    expect(staffSettings(moderator.id).queue_emails).toBe(1);
    await context.close();
    // A reader who was a moderator once and kept the setting: no longer a moderator, no mail.
    const former = await createUser();
    e2eDb().$client.prepare("update users set queue_emails = 1 where id = ?").run(former.id);

    const article = createArticle({ title: `Held thread ${uniqueSuffix()}` });
    const author = await createUser();
    const held = insertComment({
      articleId: article.id,
      authorId: author.id,
      status: "pending",
      createdAt: new Date(Date.now() - 31 * 60_000),
    });
    // The sender looks for overdue comments every few seconds.
    await expect.poll(async () => (await mailsTo(moderator.email)).length, { timeout: 30_000 }).toBe(1);
    const mail = (await mailsTo(moderator.email))[0]!;
    expect(mail.subject).toBe("A comment has waited more than 30 minutes for review");
    expect(mail.text).toContain(held.body);
    expect(mail.text).toMatch(/https?:\/\/[^\s/]+\/admin\/moderation\?queue=pending/);
    const marked = e2eDb().$client.prepare("select overdue_mailed_at from comments where id = ?").get(held.id) as {
      overdue_mailed_at: number | null;
    };
    expect(marked.overdue_mailed_at).not.toBeNull();
    expect(outboxCount(former.email)).toBe(0);
    // Once: the comment is marked, so the next rounds queue nothing more for it.
    const rows = e2eDb()
      .$client.prepare("select count(*) as n from mail_outbox where to_address = ? and text_body like ?")
      .get(moderator.email, `%${held.body}%`) as { n: number };
    expect(rows.n).toBe(1);
  });
});
