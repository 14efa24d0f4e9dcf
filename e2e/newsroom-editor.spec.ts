/**
 * The newsroom's authoring loop, as a writer, an editor, a moderator and a
 * reader: drafts, review, publishing, scheduling, updates with corrections,
 * unpublishing, History and Restore, the edit conflict, and replayed
 * requests by people who may not make them (the database stays unchanged).
 */
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Locator, Page } from "@playwright/test";
import { test, expect, createUser, loginAs } from "./support/fixtures";
import { createArticle, findStory, insertComment, readStory, revisionCount } from "./support/content";
import { commentCount } from "./support/comment-data";
import { uniqueSuffix } from "./support/users";

test.describe.configure({ timeout: 120_000 });

const story = (page: Page) => page.getByRole("form", { name: "Story" });

async function fillStory(form: Locator, fields: { headline: string; standfirst?: string; body?: string }) {
  await form.getByLabel("Headline").fill(fields.headline);
  await form.getByLabel("Standfirst").fill(fields.standfirst ?? "A standfirst written in the editor.");
  await form.getByLabel("Body").fill(fields.body ?? "The first paragraph.\n\nThe second paragraph.");
}

async function newStory(page: Page, headline: string): Promise<Locator> {
  await page.goto("/admin/articles/new");
  const form = story(page);
  await fillStory(form, { headline });
  return form;
}

/** The story's id from its editor URL's slug, once a save has redirected there. */
async function savedStoryId(page: Page): Promise<number> {
  await expect(page).toHaveURL(/\/admin\/articles\/[a-z0-9-]+\?done=/, { timeout: 30_000 });
  const slug = new URL(page.url()).pathname.split("/").pop()!;
  return findStory(slug)!.id;
}

async function anonymousStatus(context: BrowserContext, url: string): Promise<number> {
  const response = await context.request.get(url, { maxRedirects: 0 });
  return response.status();
}

test.describe("a writer", () => {
  test("drafts a story with their own byline, submits it for review, and cannot publish", async ({
    writerPage: page,
    writer,
    browser,
  }) => {
    await page.goto("/admin/articles");
    await page.getByRole("link", { name: "New story" }).click();
    const form = story(page);
    await expect(form.getByLabel("Byline")).toHaveValue(writer.name);
    await expect(form.getByRole("button", { name: "Publish now" })).toHaveCount(0);
    await expect(form.getByRole("button", { name: "Schedule" })).toHaveCount(0);
    const headline = `Lifeboat crew rescues kayakers ${uniqueSuffix()}`;
    await fillStory(form, { headline });
    await form.getByLabel("Allow comments").uncheck();
    await form.getByRole("button", { name: "Save draft" }).click();
    await expect(story(page).getByRole("status")).toHaveText("Draft saved.");
    const id = await savedStoryId(page);
    expect(readStory(id)).toMatchObject({
      status: "draft",
      title: headline,
      author: writer.name,
      author_id: writer.id,
      comments_open: 0,
    });
    await expect(story(page).getByLabel("Allow comments")).not.toBeChecked();
    await story(page).getByLabel("Allow comments").check();

    await story(page).getByRole("button", { name: "Submit for review" }).click();
    await expect(story(page).getByRole("status")).toHaveText("Submitted for review.");
    expect(readStory(id)).toMatchObject({ status: "review", comments_open: 1 });
    expect(revisionCount(id)).toBe(2);

    await page.goto("/admin/articles?status=review");
    await expect(page.getByRole("link", { name: headline })).toBeVisible();

    const anonymous = await browser.newContext();
    expect(await anonymousStatus(anonymous, `/articles/${readStory(id).slug}`)).toBe(404);
    await anonymous.close();
  });

  test("sees only their own stories, and gets 404 on another writer's", async ({ writerPage: page }) => {
    const other = await createUser({ role: "writer" });
    const theirs = createArticle({
      status: "draft",
      authorId: other.id,
      title: `Someone else's draft ${uniqueSuffix()}`,
    });
    await page.goto("/admin/articles");
    await expect(page.getByRole("heading", { name: "Stories", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: theirs.title })).toHaveCount(0);
    expect((await page.goto(`/admin/articles/${theirs.slug}`))?.status()).toBe(404);
    expect((await page.goto(`/admin/articles/${theirs.slug}/history`))?.status()).toBe(404);
  });

  test("a replayed request to publish is refused and changes nothing", async ({ editorPage: page, browser }) => {
    // An editor's page holds the form with Publish now; the writer replays its post with their own session.
    const writer = await createUser({ role: "writer" });
    const draft = createArticle({ status: "review", authorId: writer.id, title: `Pending review ${uniqueSuffix()}` });
    await page.goto(`/admin/articles/${draft.slug}`);
    const before = readStory(draft.id);
    await page.context().clearCookies();
    await loginAs(page.context(), writer);
    await story(page).getByRole("button", { name: "Publish now" }).click();
    await expect(story(page).getByRole("alert")).toContainText("You can't do that to this story. Nothing was saved.");
    expect(readStory(draft.id)).toEqual(before);
    expect(revisionCount(draft.id)).toBe(0);
    const anonymous = await browser.newContext();
    expect(await anonymousStatus(anonymous, draft.url)).toBe(404);
    await anonymous.close();
  });
});

test.describe("an editor", () => {
  test("publishes a story now; anonymous readers see it on its page and the front page", async ({
    editorPage: page,
    browser,
  }) => {
    const headline = `Harbour wall repairs begin ${uniqueSuffix()}`;
    const form = await newStory(page, headline);
    await form.getByRole("button", { name: "Publish now" }).click();
    await expect(story(page).getByRole("status")).toHaveText("Published.");
    const id = await savedStoryId(page);
    const { slug } = readStory(id);
    expect(readStory(id).status).toBe("published");

    const reader = await (await browser.newContext()).newPage();
    await expect(async () => {
      await reader.goto(`/articles/${slug}`);
      await expect(reader.getByRole("heading", { name: headline, level: 1 })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(async () => {
      await reader.goto("/");
      await expect(reader.getByRole("link", { name: headline }).first()).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await reader.context().close();
  });

  test("schedules a story for later; until then it is not public", async ({ editorPage: page, browser }) => {
    const form = await newStory(page, `Council budget vote ${uniqueSuffix()}`);
    await form.getByLabel("Publish at").fill("2031-05-04T09:30");
    await form.getByRole("button", { name: "Schedule" }).click();
    await expect(story(page).getByRole("status")).toHaveText("Scheduled.");
    const id = await savedStoryId(page);
    expect(readStory(id)).toMatchObject({ status: "scheduled", publish_at: Date.parse("2031-05-04T09:30:00Z") });
    await expect(page.getByText("publishes 4 May 2031 at 09:30 UTC")).toBeVisible();
    const anonymous = await browser.newContext();
    expect(await anonymousStatus(anonymous, `/articles/${readStory(id).slug}`)).toBe(404);
    await anonymous.close();

    // A time in the past is refused, with the text kept.
    await story(page).getByLabel("Publish at").fill("2020-01-01T10:00");
    await story(page).getByRole("button", { name: "Schedule" }).click();
    await expect(story(page).getByRole("alert")).toContainText("Choose a time in the future.");
    await expect(story(page).getByLabel("Publish at")).toHaveValue("2020-01-01T10:00");
  });

  test("updates a published story with a correction, then unpublishes it; comments are kept", async ({
    editorPage: page,
    browser,
    reader,
  }) => {
    const article = createArticle({ title: `Ferry fares rise ${uniqueSuffix()}` });
    insertComment({ articleId: article.id, authorId: reader.id, body: "Fares were already high." });
    await page.goto(`/admin/articles/${article.slug}`);
    const form = story(page);
    await expect(form.getByRole("button", { name: "Save draft" })).toHaveCount(0);
    await form.getByLabel("Body").fill("Fares rise by 5 per cent from June.\n\nThe operator blamed fuel costs.");
    await form.getByLabel("Correction").fill("An earlier version gave the rise as 15 per cent.");
    await form.getByRole("button", { name: "Update" }).click();
    await expect(story(page).getByRole("status")).toHaveText("Updated.");
    const updated = readStory(article.id);
    expect(updated).toMatchObject({
      status: "published",
      correction: "An earlier version gave the rise as 15 per cent.",
    });
    expect(updated.revised_at).not.toBeNull();

    const reader_ = await (await browser.newContext()).newPage();
    await expect(async () => {
      await reader_.goto(article.url);
      await expect(reader_.getByText("Fares rise by 5 per cent from June.")).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });

    await story(page).getByRole("button", { name: "Unpublish" }).click();
    await expect(story(page).getByRole("status")).toHaveText("Unpublished.");
    expect(readStory(article.id).status).toBe("draft");
    await expect(async () => {
      expect(await anonymousStatus(reader_.context(), article.url)).toBe(404);
    }).toPass({ timeout: 15_000 });
    expect(commentCount(article.id)).toBe(1);
    await reader_.context().close();
  });

  test("History lists every save and Restore brings an old text back as a new save", async ({ editorPage: page }) => {
    const article = createArticle({ status: "draft", title: `Library opening hours ${uniqueSuffix()}` });
    await page.goto(`/admin/articles/${article.slug}`);
    await story(page).getByLabel("Body").fill("First wording.");
    await story(page).getByRole("button", { name: "Save draft" }).click();
    await expect(story(page).getByRole("status")).toHaveText("Draft saved.");
    await story(page).getByLabel("Body").fill("Second wording.");
    await story(page).getByRole("button", { name: "Save draft" }).click();
    // The same status stays on screen from the first save: wait for the second in the database.
    await expect.poll(() => readStory(article.id).body, { timeout: 30_000 }).toBe("Second wording.");
    await expect(story(page).getByRole("status")).toHaveText("Draft saved.");

    await page.getByRole("link", { name: "History" }).click();
    const rows = page.getByRole("table").getByRole("row");
    await expect(rows).toHaveCount(3); // header + two saves
    await rows.nth(2).getByRole("button", { name: "Restore" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Revision restored." })).toBeVisible();
    expect(readStory(article.id).body).toBe("First wording.");
    expect(revisionCount(article.id)).toBe(3);
    await expect(story(page).getByLabel("Body")).toHaveValue("First wording.");
  });

  test("two editors save the same version: the second is refused with the exact message and keeps their text", async ({
    editorPage: page,
    browser,
  }) => {
    const article = createArticle({ status: "draft", title: `Bridge closure ${uniqueSuffix()}` });
    const other = await createUser({ role: "editor", name: `Other Editor ${uniqueSuffix()}` });
    const otherContext = await browser.newContext();
    await loginAs(otherContext, other);
    const otherPage = await otherContext.newPage();
    await page.goto(`/admin/articles/${article.slug}`);
    await otherPage.goto(`/admin/articles/${article.slug}`);

    await story(otherPage).getByLabel("Body").fill("The other editor's text.");
    await story(otherPage).getByRole("button", { name: "Save draft" }).click();
    await expect(story(otherPage).getByRole("status")).toHaveText("Draft saved.");

    await story(page).getByLabel("Body").fill("My own careful text.");
    await story(page).getByRole("button", { name: "Save draft" }).click();
    await expect(story(page).getByRole("alert")).toContainText(
      new RegExp(
        `^This story was changed by ${other.name} at \\d{1,2} \\w+ \\d{4} at \\d{2}:\\d{2} UTC since you opened it\\.`,
      ),
    );
    await expect(story(page).getByLabel("Body")).toHaveValue("My own careful text.");
    expect(readStory(article.id).body).toBe("The other editor's text.");
    await otherContext.close();
  });

  test("a validation error keeps everything typed", async ({ editorPage: page }) => {
    await page.goto("/admin/articles/new");
    const form = story(page);
    await form.getByLabel("Standfirst").fill("Kept standfirst");
    await form.getByLabel("Body").fill("Kept body");
    await form.getByLabel("Slug").fill("new");
    await form.getByLabel("Headline").fill("A headline");
    await form.getByRole("button", { name: "Save draft" }).click();
    await expect(form.getByRole("alert")).toContainText("is reserved");
    await expect(form.getByLabel("Standfirst")).toHaveValue("Kept standfirst");
    await expect(form.getByLabel("Body")).toHaveValue("Kept body");
  });

  test("the list, the editor and History pass axe", async ({ editorPage: page }) => {
    const article = createArticle({ title: `Axe checked story ${uniqueSuffix()}` });
    for (const path of [
      "/admin/articles",
      "/admin/articles/new",
      `/admin/articles/${article.slug}`,
      `/admin/articles/${article.slug}/history`,
    ]) {
      await page.goto(path);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations, path).toEqual([]);
    }
  });
});

test.describe("readers and moderators", () => {
  test("get 404 on the authoring pages; a moderator keeps the comment controls", async ({
    readerPage: page,
    browser,
  }) => {
    const article = createArticle();
    for (const path of ["/admin/articles", "/admin/articles/new", `/admin/articles/${article.slug}`]) {
      expect((await page.goto(path))?.status(), path).toBe(404);
    }
    const moderator = await createUser({ role: "moderator" });
    const context = await browser.newContext();
    await loginAs(context, moderator);
    const mod = await context.newPage();
    expect((await mod.goto("/admin/articles/new"))?.status()).toBe(404);
    expect((await mod.goto(`/admin/articles/${article.slug}/history`))?.status()).toBe(404);
    await mod.goto(`/admin/articles/${article.slug}`);
    await expect(mod.getByRole("button", { name: "Close comments" })).toBeVisible();
    await expect(story(mod)).toHaveCount(0);
    await context.close();
  });

  test("a reader's replayed save is refused and changes nothing", async ({ editorPage: page }) => {
    const article = createArticle({ title: `Tide tables ${uniqueSuffix()}` });
    await page.goto(`/admin/articles/${article.slug}`);
    const before = readStory(article.id);
    const reader = await createUser();
    await page.context().clearCookies();
    await loginAs(page.context(), reader);
    await story(page).getByLabel("Headline").fill("Defaced headline");
    await story(page).getByRole("button", { name: "Update" }).click();
    await expect(story(page).getByRole("alert")).toContainText("You can't do that to this story.");
    expect(readStory(article.id)).toEqual(before);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an editor creates and publishes a story, and a refused save keeps the text", async ({ editorPage: page }) => {
    await page.goto("/admin/articles/new");
    const form = story(page);
    await form.getByLabel("Standfirst").fill("Typed without scripts");
    await form.getByLabel("Body").fill("Body typed without scripts.");
    const headline = `Night bus returns ${uniqueSuffix()}`;
    await form.getByLabel("Headline").fill(headline);
    await form.getByLabel("Slug").fill("new");
    await expect(form.getByLabel("Allow comments")).toBeChecked();
    await form.getByLabel("Allow comments").uncheck();
    await form.getByRole("button", { name: "Save draft" }).click();
    await expect(story(page).getByRole("alert")).toContainText("is reserved");
    await expect(story(page).getByLabel("Body")).toHaveValue("Body typed without scripts.");
    await expect(story(page).getByLabel("Allow comments")).not.toBeChecked();

    await story(page).getByLabel("Slug").fill("");
    await story(page).getByRole("button", { name: "Publish now" }).click();
    await expect(story(page).getByRole("status")).toHaveText("Published.");
    const id = await savedStoryId(page);
    expect(readStory(id)).toMatchObject({ status: "published", title: headline, comments_open: 0 });
    // Live, the setting is the moderation panel's (logged), not a field of the form.
    await expect(story(page).getByLabel("Allow comments")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Open comments" })).toBeVisible();
    await page.goto(`/articles/${readStory(id).slug}`);
    await expect(page.getByText("Comments are closed.")).toBeVisible();
  });
});
