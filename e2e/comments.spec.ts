/**
 * The reader's conversation under an article, with JavaScript on: reading,
 * posting, replying, editing, deleting, liking, reporting, and the rules that
 * keep it civil (limits, holds, suspensions, closed threads).
 */
import { test, expect, createUser, loginAs } from "./support/fixtures";
import { commentCount, findCommentIdByBody, getCommentRow, listReports } from "./support/comment-data";
import { createArticle, insertComment } from "./support/content";
import { e2eDb, uniqueSuffix } from "./support/users";

const MINUTE = 60_000;

test.describe("reading comments", () => {
  test("an article with no comments invites the first one; signed out, a link to sign in returns to it", async ({
    page,
  }) => {
    const article = createArticle();
    await page.goto(article.url);
    await expect(page.getByRole("heading", { level: 2, name: "0 Comments" })).toBeVisible();
    await expect(page.getByText("No comments yet. Be the first to comment!")).toBeVisible();
    const signIn = page.getByRole("link", { name: "Sign in to comment" });
    await expect(signIn).toHaveAttribute("href", `/signin?callbackUrl=${encodeURIComponent(article.url)}`);
    await expect(page.getByRole("textbox", { name: "Comment" })).toHaveCount(0);
  });

  test("each comment shows its author, a permalinked time, body, like count and controls", async ({ page }) => {
    const article = createArticle();
    const author = await createUser({ name: `Ada ${uniqueSuffix()}` });
    const postedAt = new Date(Date.now() - 5 * MINUTE);
    const c = insertComment({
      articleId: article.id,
      authorId: author.id,
      body: "First paragraph.\n\nSecond paragraph.",
      createdAt: postedAt,
      likeCount: 2,
    });
    await page.goto(article.url);
    await expect(page.getByRole("heading", { level: 2, name: "1 Comment" })).toBeVisible();
    const comment = page.locator(`article#comment-${c.id}`);
    await expect(comment).toContainText(author.name);
    const permalink = comment.getByRole("link", { name: "5 minutes ago" });
    await expect(permalink).toHaveAttribute("href", `${article.url}?c=${c.id}#comment-${c.id}`);
    const time = permalink.locator("time");
    await expect(time).toHaveAttribute("datetime", postedAt.toISOString());
    await expect(time).toHaveAttribute("title", /UTC$/);
    await expect(comment.locator("p", { hasText: "First paragraph." })).toBeVisible();
    await expect(comment.locator("p", { hasText: "Second paragraph." })).toBeVisible();
    await expect(comment.getByText("2 likes")).toBeVisible();
    // Anonymous readers get links that lead to sign-in and back.
    for (const name of ["Reply", "Report"]) {
      await expect(comment.getByRole("link", { name, exact: true })).toHaveAttribute("href", /^\/signin\?callbackUrl=/);
    }
    const like = comment.getByRole("button", { name: "Like" });
    await expect(like).toHaveAttribute("aria-pressed", "false");
    await like.click();
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    expect(decodeURIComponent(new URL(page.url()).searchParams.get("callbackUrl") ?? "")).toBe(
      `${article.url}#comment-${c.id}`,
    );
  });

  test("links in comments are safe, nofollow links; other text stays text", async ({ page, reader }) => {
    const article = createArticle();
    const c = insertComment({
      articleId: article.id,
      authorId: reader.id,
      body: "Source: https://example.com/report?id=1. Also javascript:alert(1) and www.example.org",
    });
    await page.goto(article.url);
    const comment = page.locator(`#comment-${c.id}`);
    const link = comment.getByRole("link", { name: "https://example.com/report?id=1" });
    await expect(link).toHaveAttribute("href", "https://example.com/report?id=1");
    await expect(link).toHaveAttribute("rel", "nofollow ugc noopener noreferrer");
    await expect(comment.locator("a[href^='javascript']")).toHaveCount(0);
    await expect(comment).toContainText("javascript:alert(1) and www.example.org");
  });

  test("long words and URLs wrap on a phone instead of widening the page", async ({ page, reader }) => {
    const article = createArticle();
    const c = insertComment({
      articleId: article.id,
      authorId: reader.id,
      body: `${"Supercalifragilistic".repeat(15)} https://example.com/${"very-long-path-segment-".repeat(12)}`,
    });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(article.url);
    await expect(page.locator(`#comment-${c.id}`)).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("sorting: Newest by default, Oldest, and Top (most liked, ties in posting order)", async ({ page, reader }) => {
    const article = createArticle();
    const t = Date.now() - 60 * MINUTE;
    const a = insertComment({
      articleId: article.id,
      authorId: reader.id,
      body: "Alpha comment",
      createdAt: new Date(t),
      likeCount: 1,
    });
    const b = insertComment({
      articleId: article.id,
      authorId: reader.id,
      body: "Bravo comment",
      createdAt: new Date(t + MINUTE),
      likeCount: 5,
    });
    const c = insertComment({
      articleId: article.id,
      authorId: reader.id,
      body: "Charlie comment",
      createdAt: new Date(t + 2 * MINUTE),
      likeCount: 1,
    });
    const order = async () =>
      page
        .locator("#comments ol > li > article")
        .evaluateAll((els) => els.map((e) => Number(e.id.replace("comment-", ""))));
    await page.goto(article.url);
    expect(await order()).toEqual([c.id, b.id, a.id]);
    await page.getByRole("link", { name: "Oldest" }).click();
    await expect(page).toHaveURL(/sort=oldest/);
    await expect.poll(order).toEqual([a.id, b.id, c.id]);
    await page.getByRole("link", { name: "Top" }).click();
    await expect(page).toHaveURL(/sort=top/);
    await expect.poll(order).toEqual([b.id, a.id, c.id]);
    await page.getByRole("link", { name: "Newest" }).click();
    await expect.poll(order).toEqual([c.id, b.id, a.id]);
  });

  test("a thread shows three replies at each level, then a link to the rest", async ({ page, reader }) => {
    const article = createArticle();
    const t = Date.now() - 60 * MINUTE;
    const root = insertComment({
      articleId: article.id,
      authorId: reader.id,
      body: "Root comment",
      createdAt: new Date(t),
    });
    const replies = Array.from({ length: 5 }, (_, i) =>
      insertComment({
        articleId: article.id,
        authorId: reader.id,
        body: `Reply number ${i + 1}`,
        parentId: root.id,
        createdAt: new Date(t + (i + 1) * MINUTE),
      }),
    );
    const deep = Array.from({ length: 4 }, (_, i) =>
      insertComment({
        articleId: article.id,
        authorId: reader.id,
        body: `Deep reply ${i + 1}`,
        parentId: replies[0]!.id,
        createdAt: new Date(t + (10 + i) * MINUTE),
      }),
    );
    await page.goto(article.url);
    await expect(page.getByRole("heading", { level: 2, name: "10 Comments" })).toBeVisible();
    for (const r of replies.slice(0, 3)) await expect(page.locator(`#comment-${r.id}`)).toBeVisible();
    for (const r of replies.slice(3)) await expect(page.locator(`#comment-${r.id}`)).toHaveCount(0);
    for (const r of deep.slice(0, 3)) await expect(page.locator(`#comment-${r.id}`)).toBeVisible();
    await expect(page.locator(`#comment-${deep[3]!.id}`)).toHaveCount(0);

    await page.getByRole("link", { name: "View all 5 replies" }).click();
    for (const r of replies) await expect(page.locator(`#comment-${r.id}`)).toBeVisible();
    await page.getByRole("link", { name: "View all 4 replies" }).click();
    for (const r of deep) await expect(page.locator(`#comment-${r.id}`)).toBeVisible();
  });

  test("a permalink to a reply beyond the first three lands on it", async ({ page, reader }) => {
    const article = createArticle();
    const t = Date.now() - 60 * MINUTE;
    const root = insertComment({ articleId: article.id, authorId: reader.id, createdAt: new Date(t) });
    const replies = Array.from({ length: 6 }, (_, i) =>
      insertComment({
        articleId: article.id,
        authorId: reader.id,
        body: `Late reply ${i}`,
        parentId: root.id,
        createdAt: new Date(t + (i + 1) * MINUTE),
      }),
    );
    const target = replies[5]!;
    await page.goto(`${article.url}?c=${target.id}#comment-${target.id}`);
    await expect(page.locator(`#comment-${target.id}`)).toBeInViewport();
    await expect(page.locator(`#comment-${target.id}`)).toContainText("Late reply 5");
  });
});

test.describe("posting", () => {
  test("a reader posts a comment: the box empties and the comment is on the page", async ({
    readerPage: page,
    reader,
  }) => {
    const article = createArticle();
    await page.goto(article.url);
    const box = page.getByRole("textbox", { name: "Comment" });
    const text = `The new timetable suits me well ${uniqueSuffix()}`;
    // Marks this document: a full reload would lose it.
    await page.evaluate(() => ((window as unknown as { __sameDocument?: boolean }).__sameDocument = true));
    await box.fill(text);
    await page.getByRole("button", { name: "Post comment" }).click();
    const comment = page.locator("article", { hasText: text });
    await expect(comment).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await expect(page.getByRole("button", { name: "Post comment" })).toBeFocused();
    await expect(comment).toContainText(reader.name);
    await expect(box).toHaveValue("");
    await expect(page.getByRole("heading", { level: 2, name: "1 Comment" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Comment posted." })).toBeVisible();
    expect(commentCount(article.id)).toBe(1);
  });

  test("empty, zero-width-only, control-character and over-long text are refused, keeping what was typed", async ({
    readerPage: page,
  }) => {
    const article = createArticle();
    await page.goto(article.url);
    const form = page.locator("form", { has: page.getByRole("button", { name: "Post comment" }) });
    const box = page.getByRole("textbox", { name: "Comment" });
    const post = page.getByRole("button", { name: "Post comment" });

    await box.fill("   \n\u200B\u200D\uFEFF  ");
    await post.click();
    await expect(form.getByRole("alert")).toHaveText("Comment can't be empty.");

    await box.fill("Bell\u0007 character");
    await post.click();
    await expect(form.getByRole("alert")).toContainText("control characters");
    await expect(box).toHaveValue("Bell\u0007 character");

    const long = "x".repeat(5001);
    await box.fill(long);
    await post.click();
    await expect(form.getByRole("alert")).toContainText("too long: 5,001 characters");
    await expect(box).toHaveValue(long);
    await expect(page.getByRole("heading", { level: 2, name: "0 Comments" })).toBeVisible();

    // Exactly 5,000 characters after trimming is fine.
    await box.fill(`  ${"y".repeat(5000)}  `);
    await post.click();
    await expect(page.getByRole("heading", { level: 2, name: "1 Comment" })).toBeVisible();
  });

  test("posting too quickly and posting the same text twice are refused with when to try again", async ({
    readerPage: page,
    reader,
  }) => {
    const article = createArticle();
    const earlier = `I said this already ${uniqueSuffix()}`;
    insertComment({
      articleId: article.id,
      authorId: reader.id,
      body: earlier,
      createdAt: new Date(Date.now() - 2 * MINUTE),
    });
    await page.goto(article.url);
    const form = page.locator("form", { has: page.getByRole("button", { name: "Post comment" }) });
    const box = page.getByRole("textbox", { name: "Comment" });

    await box.fill(earlier);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(form.getByRole("alert")).toContainText(/already posted that comment.*post it again in (7|8) minutes/);
    await expect(box).toHaveValue(earlier);

    await box.fill(`A fresh thought ${uniqueSuffix()}`);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "2 Comments" })).toBeVisible();
    await box.fill(`Another fresh thought ${uniqueSuffix()}`);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(form.getByRole("alert")).toContainText(
      /commenting too quickly\. You can post again in \d+ seconds?\./,
    );
  });

  test("a first comment with a link is held: only its author sees it, marked as awaiting moderation", async ({
    readerPage: page,
    browser,
  }) => {
    const article = createArticle();
    await page.goto(article.url);
    const text = `Read this https://example.com/${uniqueSuffix()}`;
    await page.getByRole("textbox", { name: "Comment" }).fill(text);
    await page.getByRole("button", { name: "Post comment" }).click();
    const mine = page.locator("article", { hasText: text });
    await expect(mine).toBeVisible();
    await expect(mine.getByText("Your comment is awaiting moderation.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "0 Comments" })).toBeVisible();
    const id = findCommentIdByBody(article.id, text);
    expect(getCommentRow(id)?.status).toBe("pending");

    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await loginAs(other, await createUser());
    await other.goto(article.url);
    await expect(other.getByRole("heading", { level: 2, name: "0 Comments" })).toBeVisible();
    await expect(other.locator(`#comment-${id}`)).toHaveCount(0);
    await otherContext.close();

    const anonContext = await browser.newContext();
    const anon = await anonContext.newPage();
    await anon.goto(article.url);
    await expect(anon.getByText("No comments yet. Be the first to comment!")).toBeVisible();
    await expect(anon.locator(`#comment-${id}`)).toHaveCount(0);
    await anonContext.close();
  });

  test("a closed article says so and offers no form or reply", async ({ readerPage: page, reader }) => {
    const article = createArticle({ commentsOpen: false });
    const c = insertComment({ articleId: article.id, authorId: reader.id, body: "Before it closed" });
    await page.goto(article.url);
    await expect(page.getByText("Comments are closed.")).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Comment" })).toHaveCount(0);
    await expect(page.locator(`#comment-${c.id}`).getByRole("link", { name: "Reply" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Post comment" })).toHaveCount(0);
  });

  test("a suspended reader is told until when and why; a banned reader why", async ({ browser }) => {
    const article = createArticle();
    const other = await createUser();
    const c = insertComment({ articleId: article.id, authorId: other.id });
    const until = new Date(Date.now() + 3 * 24 * 3600_000);
    const cases = [
      {
        user: await createUser({ status: "suspended", suspendedUntil: until, statusReason: "Personal attacks" }),
        word: /suspended until .+ UTC.*Reason: Personal attacks/,
      },
      {
        user: await createUser({ status: "banned", statusReason: "Spam accounts" }),
        word: /banned.*Reason: Spam accounts/,
      },
    ];
    for (const { user, word } of cases) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await loginAs(page, user);
      await page.goto(article.url);
      await expect(page.locator("#comments").getByText(word)).toBeVisible();
      await expect(page.getByRole("textbox", { name: "Comment" })).toHaveCount(0);
      const comment = page.locator(`#comment-${c.id}`);
      await expect(comment.getByRole("link", { name: "Reply" })).toHaveCount(0);
      await expect(comment.getByRole("link", { name: "Report" })).toHaveCount(0);
      await expect(comment.getByRole("button", { name: "Like" })).toHaveCount(0);
      // Opening a form by URL does not help either.
      await page.goto(`${article.url}?reply=${c.id}`);
      await expect(page.getByRole("textbox", { name: "Reply" })).toHaveCount(0);
      await context.close();
    }
  });
});

test.describe("acting on comments", () => {
  test("replying: Reply opens the form, Post reply adds the reply under its parent", async ({ readerPage: page }) => {
    const article = createArticle();
    const other = await createUser();
    const parent = insertComment({ articleId: article.id, authorId: other.id, body: "What time is the first ferry?" });
    await page.goto(article.url);
    await page.locator(`#comment-${parent.id}`).getByRole("link", { name: "Reply" }).click();
    const box = page.getByRole("textbox", { name: "Reply" });
    await expect(box).toBeFocused();
    const text = `Six fifteen, I believe ${uniqueSuffix()}`;
    await box.fill(text);
    await page.getByRole("button", { name: "Post reply" }).click();
    const reply = page.locator("article", { hasText: text });
    await expect(reply).toBeVisible();
    const id = findCommentIdByBody(article.id, text);
    expect(getCommentRow(id)).toMatchObject({ parent_id: parent.id, depth: 1 });
    expect(getCommentRow(parent.id)?.reply_count).toBe(1);
    await expect(page.getByRole("heading", { level: 2, name: "2 Comments" })).toBeVisible();
  });

  test("a reply to a third-level comment stays at level three, marked in reply to its author", async ({
    readerPage: page,
  }) => {
    const article = createArticle();
    const other = await createUser({ name: `Grace ${uniqueSuffix()}` });
    const t = Date.now() - 30 * MINUTE;
    const root = insertComment({ articleId: article.id, authorId: other.id, createdAt: new Date(t) });
    const level2 = insertComment({
      articleId: article.id,
      authorId: other.id,
      parentId: root.id,
      createdAt: new Date(t + MINUTE),
    });
    const level3 = insertComment({
      articleId: article.id,
      authorId: other.id,
      parentId: level2.id,
      createdAt: new Date(t + 2 * MINUTE),
    });
    await page.goto(article.url);
    await page.locator(`#comment-${level3.id}`).getByRole("link", { name: "Reply" }).click();
    const text = `Going deeper ${uniqueSuffix()}`;
    await page.getByRole("textbox", { name: "Reply" }).fill(text);
    await page.getByRole("button", { name: "Post reply" }).click();
    const reply = page.locator("article", { hasText: text });
    await expect(reply).toBeVisible();
    await expect(reply).toContainText(`in reply to ${other.name}`);
    expect(getCommentRow(findCommentIdByBody(article.id, text))?.depth).toBe(2);
  });

  test("liking toggles aria-pressed and the count; one's own comment cannot be liked", async ({
    readerPage: page,
    reader,
  }) => {
    const article = createArticle();
    const other = await createUser();
    const theirs = insertComment({ articleId: article.id, authorId: other.id, body: "Like me" });
    const mine = insertComment({ articleId: article.id, authorId: reader.id, body: "My own" });
    await page.goto(article.url);
    const like = page.locator(`#comment-${theirs.id}`).getByRole("button", { name: "Like" });
    await expect(like).toHaveAttribute("aria-pressed", "false");
    await like.click();
    await expect(like).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator(`#comment-${theirs.id}`).getByText("1 like")).toBeVisible();
    await expect.poll(() => getCommentRow(theirs.id)?.like_count).toBe(1);
    await page.reload();
    await expect(like).toHaveAttribute("aria-pressed", "true");
    await like.click();
    await expect(like).toHaveAttribute("aria-pressed", "false");
    await expect.poll(() => getCommentRow(theirs.id)?.like_count).toBe(0);
    await expect(page.locator(`#comment-${mine.id}`).getByRole("button", { name: "Like" })).toBeDisabled();
  });

  test("liking more than 30 comments within a minute is refused with when to try again; the counts stay", async ({
    readerPage: page,
  }) => {
    // Issue 12, finding 6: likes expire the article's cached pages, so they are limited per account.
    test.setTimeout(60_000);
    const other = await createUser();
    const first = createArticle();
    const second = createArticle();
    const liked = Array.from({ length: 20 }, () => insertComment({ articleId: first.id, authorId: other.id }).id);
    const more = Array.from({ length: 13 }, () => insertComment({ articleId: second.id, authorId: other.id }).id);
    await page.goto(first.url);
    for (const [i, id] of [...liked, ...more].entries()) {
      if (i === liked.length) await page.goto(second.url);
      const comment = page.locator(`#comment-${id}`);
      const like = comment.getByRole("button", { name: "Like" });
      await like.click();
      if (i < 30) {
        await expect(like).toHaveAttribute("aria-pressed", "true");
        continue;
      }
      // The 31st like and every one after it within the minute.
      await expect(comment.getByRole("alert")).toHaveText(
        /^You've liked or unliked 30 comments in the last minute\. You can like again in \d+ seconds?\.$/,
      );
      await expect(like).toHaveAttribute("aria-pressed", "false");
      expect(getCommentRow(id)?.like_count).toBe(0);
    }
    expect(getCommentRow(more[9]!)?.like_count).toBe(1);
    const likes = e2eDb()
      .$client.prepare(`select count(*) as n from comment_likes where comment_id in (select value from json_each(?))`)
      .get(JSON.stringify([...liked, ...more])) as { n: number };
    expect(likes.n).toBe(30);
  });

  test("editing one's own comment within 15 minutes: prefilled, saved, marked edited", async ({
    readerPage: page,
    reader,
  }) => {
    const article = createArticle();
    const c = insertComment({
      articleId: article.id,
      authorId: reader.id,
      body: "Teh ferry is late",
      createdAt: new Date(Date.now() - 2 * MINUTE),
    });
    await page.goto(article.url);
    const comment = page.locator(`#comment-${c.id}`);
    await comment.getByRole("link", { name: "Edit" }).click();
    const box = page.getByRole("textbox", { name: "Edit comment" });
    await expect(box).toHaveValue("Teh ferry is late");
    await box.fill("The ferry is late");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(comment).toContainText("The ferry is late");
    await expect(comment.getByText("edited", { exact: true })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Edit comment" })).toHaveCount(0);
    expect(getCommentRow(c.id)?.body).toBe("The ferry is late");
  });

  test("after 15 minutes the Edit control is gone and the edit form cannot be opened", async ({
    readerPage: page,
    reader,
  }) => {
    const article = createArticle();
    const c = insertComment({
      articleId: article.id,
      authorId: reader.id,
      body: "Old words",
      createdAt: new Date(Date.now() - 16 * MINUTE),
    });
    await page.goto(article.url);
    const comment = page.locator(`#comment-${c.id}`);
    await expect(comment.getByRole("link", { name: "Delete" })).toBeVisible();
    await expect(comment.getByRole("link", { name: "Edit" })).toHaveCount(0);
    await page.goto(`${article.url}?edit=${c.id}`);
    await expect(page.getByRole("textbox", { name: "Edit comment" })).toHaveCount(0);
  });

  test("others' comments offer no Edit or Delete", async ({ readerPage: page }) => {
    const article = createArticle();
    const c = insertComment({ articleId: article.id, authorId: (await createUser()).id });
    await page.goto(`${article.url}?edit=${c.id}&delete=${c.id}`);
    const comment = page.locator(`#comment-${c.id}`);
    await expect(comment.getByRole("link", { name: "Edit" })).toHaveCount(0);
    await expect(comment.getByRole("link", { name: "Delete" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Confirm delete" })).toHaveCount(0);
    await expect(page.getByRole("textbox", { name: "Edit comment" })).toHaveCount(0);
  });

  test("deleting: Delete, then Confirm delete removes it and the count", async ({ readerPage: page, reader }) => {
    const article = createArticle();
    const c = insertComment({ articleId: article.id, authorId: reader.id, body: "Regrettable remark" });
    await page.goto(article.url);
    await expect(page.getByRole("heading", { level: 2, name: "1 Comment" })).toBeVisible();
    await page.locator(`#comment-${c.id}`).getByRole("link", { name: "Delete" }).click();
    await page.getByRole("button", { name: "Confirm delete" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "0 Comments" })).toBeVisible();
    await expect(page.locator(`#comment-${c.id}`)).toHaveCount(0);
    await expect(page.getByText("Regrettable remark")).toHaveCount(0);
    expect(getCommentRow(c.id)?.deleted_at).not.toBeNull();
  });

  test("a deleted comment with replies leaves a 'Comment deleted' placeholder above them", async ({
    readerPage: page,
    reader,
  }) => {
    const article = createArticle();
    const c = insertComment({
      articleId: article.id,
      authorId: reader.id,
      body: "Question worth keeping the answers to",
    });
    const answer = insertComment({
      articleId: article.id,
      authorId: (await createUser()).id,
      parentId: c.id,
      body: "An answer",
    });
    await page.goto(article.url);
    await page.locator(`#comment-${c.id}`).getByRole("link", { name: "Delete" }).click();
    await page.getByRole("button", { name: "Confirm delete" }).click();
    await expect(page.locator(`#comment-${c.id}`)).toHaveText("Comment deleted");
    await expect(page.locator(`#comment-${answer.id}`)).toContainText("An answer");
    await expect(page.getByText("Question worth keeping the answers to")).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 2, name: "1 Comment" })).toBeVisible();
  });

  test("reporting with a reason and a note, once", async ({ readerPage: page, reader }) => {
    const article = createArticle();
    const c = insertComment({ articleId: article.id, authorId: (await createUser()).id, body: "Buy cheap watches" });
    await page.goto(article.url);
    await page.locator(`#comment-${c.id}`).getByRole("link", { name: "Report" }).click();
    const reasons = page.getByRole("radiogroup", { name: "Reason" });
    for (const name of ["Spam", "Abuse", "Off-topic", "Other"])
      await expect(reasons.getByRole("radio", { name })).toBeVisible();
    await expect(reasons.getByRole("radio", { name: "Spam" })).toBeChecked();
    await reasons.getByRole("radio", { name: "Off-topic" }).check();
    await page.getByLabel("Note").fill("Nothing to do with ferries");
    await page.getByRole("button", { name: "Send report" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Thanks for reporting." })).toBeVisible();
    expect(listReports(c.id)).toEqual([
      { user_id: reader.id, reason: "off-topic", note: "Nothing to do with ferries" },
    ]);
    expect(getCommentRow(c.id)?.report_count).toBe(1);
    // The comment stays public, and the reader cannot report it again.
    await page.goto(article.url);
    await expect(page.locator(`#comment-${c.id}`)).toContainText("Buy cheap watches");
    await expect(page.locator(`#comment-${c.id}`).getByRole("link", { name: "Report" })).toHaveCount(0);
    await page.goto(`${article.url}?report=${c.id}`);
    await expect(page.getByRole("button", { name: "Send report" })).toHaveCount(0);
  });
});

test.describe("every action checks again on the server", () => {
  test("an edit saved after the 15-minute window is refused", async ({ readerPage: page, reader }) => {
    const article = createArticle();
    const c = insertComment({
      articleId: article.id,
      authorId: reader.id,
      body: "Nearly too late",
      createdAt: new Date(Date.now() - 14 * MINUTE),
    });
    await page.goto(`${article.url}?edit=${c.id}`);
    await page.getByRole("textbox", { name: "Edit comment" }).fill("Changed after the window");
    // The window closes while the form is open.
    e2eDb()
      .$client.prepare("update comments set created_at = ? where id = ?")
      .run(Date.now() - 16 * MINUTE, c.id);
    await page.getByRole("button", { name: "Save" }).click();
    const form = page.locator("form", { has: page.getByRole("button", { name: "Save" }) });
    await expect(form.getByRole("alert")).toHaveText("Comments can only be edited for 15 minutes after posting.");
    await expect(page.getByRole("textbox", { name: "Edit comment" })).toHaveValue("Changed after the window");
    expect(getCommentRow(c.id)?.body).toBe("Nearly too late");
  });

  test("a reader banned while the reply form is open is refused, and told why", async ({
    readerPage: page,
    reader,
  }) => {
    const article = createArticle();
    const c = insertComment({ articleId: article.id, authorId: (await createUser()).id });
    await page.goto(`${article.url}?reply=${c.id}`);
    await page.getByRole("textbox", { name: "Reply" }).fill("This should never land");
    e2eDb()
      .$client.prepare("update users set status = 'banned', status_reason = 'Trolling' where id = ?")
      .run(reader.id);
    await page.getByRole("button", { name: "Post reply" }).click();
    const form = page.locator("form", { has: page.getByRole("button", { name: "Post reply" }) });
    await expect(form.getByRole("alert")).toContainText(/banned.*Reason: Trolling/);
    expect(getCommentRow(c.id)?.reply_count).toBe(0);
  });

  test("liking a comment removed meanwhile answers that it can't be found", async ({ readerPage: page }) => {
    const article = createArticle();
    const c = insertComment({ articleId: article.id, authorId: (await createUser()).id });
    await page.goto(article.url);
    e2eDb().$client.prepare("update comments set status = 'rejected' where id = ?").run(c.id);
    await page.locator(`#comment-${c.id}`).getByRole("button", { name: "Like" }).click();
    await expect(page.locator(`#comment-${c.id}`).getByRole("alert")).toHaveText("That comment can't be found.");
    expect(getCommentRow(c.id)?.like_count).toBe(0);
  });

  test("comments closed while the form is open: the post is refused", async ({ readerPage: page }) => {
    const article = createArticle();
    await page.goto(article.url);
    await page.getByRole("textbox", { name: "Comment" }).fill("Just in time?");
    e2eDb().$client.prepare("update articles set comments_open = 0 where id = ?").run(article.id);
    await page.getByRole("button", { name: "Post comment" }).click();
    const form = page.locator("form", { has: page.getByRole("button", { name: "Post comment" }) });
    await expect(form.getByRole("alert")).toHaveText("Comments are closed.");
    expect(commentCount(article.id)).toBe(0);
  });
});

test.describe("hostile text", () => {
  const payloads = [
    `<script>window.__xss = 1; alert("xss")</script>`,
    `<img src=x onerror="window.__xss = 1; alert(1)">`,
    `<a href="javascript:alert(1)">click me</a>`,
    `<svg onload=alert(1)><iframe src="javascript:alert(1)"></iframe>`,
    `jaVasCript:/*-/*\`/*\\\`/*'/*"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert()//>\\x3e`,
  ];

  test("script tags, event handlers, javascript: links and the OWASP polyglot show as literal text and never run", async ({
    readerPage: page,
    browser,
  }) => {
    const article = createArticle();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(article.url);
    const box = page.getByRole("textbox", { name: "Comment" });
    const ids: number[] = [];
    for (const [i, payload] of payloads.entries()) {
      // Posted through the form for the first, inserted for the rest (the rate limit is not under test here).
      if (i === 0) {
        await box.fill(payload);
        await page.getByRole("button", { name: "Post comment" }).click();
        await expect(page.getByRole("heading", { level: 2, name: "1 Comment" })).toBeVisible();
        ids.push(findCommentIdByBody(article.id, payload));
      } else {
        ids.push(insertComment({ articleId: article.id, authorId: (await createUser()).id, body: payload }).id);
      }
    }
    const check = async (p: typeof page) => {
      await p.goto(article.url);
      for (const [i, id] of ids.entries()) {
        const comment = p.locator(`#comment-${id}`);
        await expect(comment.locator("p").first()).toHaveText(payloads[i]!);
        await expect(comment.locator("script, img, svg, iframe, a[href^='javascript' i]")).toHaveCount(0);
      }
      expect(await p.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    };
    await check(page);
    const anonContext = await browser.newContext();
    const anon = await anonContext.newPage();
    anon.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await check(anon);
    await anonContext.close();
    expect(dialogs).toEqual([]);
  });
});
