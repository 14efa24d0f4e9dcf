/**
 * What the newsroom's work does for readers: the staff-only preview, old
 * slugs answering 308 (comment permalinks included), Updated and Correction
 * on a story, and a scheduled story going live by itself.
 */
import AxeBuilder from "@axe-core/playwright";
import { test, expect, createUser, loginAs } from "./support/fixtures";
import { createArticle, insertComment, readStory } from "./support/content";
import { e2eDb, uniqueSuffix } from "./support/users";

test.describe.configure({ timeout: 150_000 });

test.describe("preview", () => {
  test("a writer previews their own draft, marked as a preview, never cached or indexed", async ({
    writerPage: page,
    writer,
  }) => {
    const draft = createArticle({ status: "draft", authorId: writer.id, title: `Draft for preview ${uniqueSuffix()}` });
    const response = await page.goto(`/preview/articles/${draft.slug}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["cache-control"]).toBe("private, no-store");
    expect(response?.headers()["x-robots-tag"]).toBe("noindex, nofollow");
    await expect(page.getByRole("note", { name: "Preview" })).toContainText("Preview — not published.");
    await expect(page.getByRole("heading", { name: draft.title, level: 1 })).toBeVisible();
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations).toEqual([]);
  });

  test("another writer's draft, a reader and a signed-out visitor get no preview", async ({
    writerPage: page,
    browser,
  }) => {
    const other = await createUser({ role: "writer" });
    const theirs = createArticle({ status: "draft", authorId: other.id });
    expect((await page.goto(`/preview/articles/${theirs.slug}`))?.status()).toBe(404);
    const reader = await createUser();
    const context = await browser.newContext();
    await loginAs(context, reader);
    expect((await (await context.newPage()).goto(`/preview/articles/${theirs.slug}`))?.status()).toBe(404);
    await context.close();
    const anonymous = await browser.newContext();
    const signedOut = await anonymous.newPage();
    await signedOut.goto(`/preview/articles/${theirs.slug}`);
    await expect(signedOut).toHaveURL(/\/signin\?callbackUrl=/);
    await anonymous.close();
  });

  test("the editor's Preview button saves the draft and opens its preview", async ({ editorPage: page }) => {
    const draft = createArticle({ status: "draft", title: `Preview button ${uniqueSuffix()}` });
    await page.goto(`/admin/articles/${draft.slug}`);
    const form = page.getByRole("form", { name: "Story" });
    await form.getByLabel("Standfirst").fill("Seen first in the preview.");
    await form.getByRole("button", { name: "Preview" }).click();
    await expect(page).toHaveURL(new RegExp(`/preview/articles/${draft.slug}$`), { timeout: 30_000 });
    await expect(page.getByText("Seen first in the preview.")).toBeVisible();
  });
});

test.describe("published stories", () => {
  test("a changed slug keeps the old URL and comment permalinks working (308)", async ({
    editorPage: page,
    reader,
    browser,
  }) => {
    const article = createArticle({ title: `Old slug story ${uniqueSuffix()}` });
    const comment = insertComment({ articleId: article.id, authorId: reader.id, body: "Still findable." });
    await page.goto(`/admin/articles/${article.slug}`);
    const form = page.getByRole("form", { name: "Story" });
    const newSlug = `${article.slug}-renamed`;
    await form.getByLabel("Slug").fill(newSlug);
    await form.getByRole("button", { name: "Update" }).click();
    await expect(page.getByRole("form", { name: "Story" }).getByRole("status")).toHaveText("Updated.");
    expect(readStory(article.id).slug).toBe(newSlug);

    const anonymous = await browser.newContext();
    await expect(async () => {
      const old = await anonymous.request.get(article.url, { maxRedirects: 0 });
      expect(old.status()).toBe(308);
      expect(old.headers().location).toMatch(new RegExp(`/articles/${newSlug}$`));
    }).toPass({ timeout: 15_000 });
    const permalink = await anonymous.request.get(`${article.url}?c=${comment.id}`, { maxRedirects: 0 });
    expect(permalink.status()).toBe(308);
    expect(permalink.headers().location).toContain(`/articles/${newSlug}?c=${comment.id}`);

    const reader_ = await anonymous.newPage();
    await reader_.goto(`${article.url}?c=${comment.id}`);
    await expect(reader_).toHaveURL(new RegExp(`/articles/${newSlug}\\?c=${comment.id}`));
    await expect(reader_.getByText("Still findable.")).toBeVisible();
    await anonymous.close();
  });

  test("an update shows Updated with its time, and a correction at the foot with its date", async ({
    editorPage: page,
    browser,
  }) => {
    const article = createArticle({ title: `Corrected story ${uniqueSuffix()}` });
    await page.goto(`/admin/articles/${article.slug}`);
    const form = page.getByRole("form", { name: "Story" });
    await form.getByLabel("Correction").fill("An earlier version misnamed the harbour master.");
    await form.getByRole("button", { name: "Update" }).click();
    await expect(page.getByRole("form", { name: "Story" }).getByRole("status")).toHaveText("Updated.");

    const reader = await (await browser.newContext()).newPage();
    await expect(async () => {
      await reader.goto(article.url);
      await expect(reader.getByRole("heading", { name: "Correction", exact: true })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    const correction = reader.getByRole("complementary").filter({ hasText: "Correction" });
    await expect(correction).toContainText("An earlier version misnamed the harbour master.");
    await expect(correction.locator("time")).toHaveText(/\d{1,2} \w+ \d{4} at \d{2}:\d{2} UTC/);
    await expect(reader.locator(".story__header")).toContainText(/Updated \d{1,2} \w+ \d{4} at \d{2}:\d{2} UTC/);
    const jsonLd = JSON.parse((await reader.locator('script[type="application/ld+json"]').textContent())!);
    expect(Date.parse(jsonLd.dateModified)).toBeGreaterThan(Date.parse(jsonLd.datePublished));
    const results = await new AxeBuilder({ page: reader }).include("article.story").analyze();
    expect(results.violations).toEqual([]);
    await reader.context().close();
  });

  test("a writer's HTML never runs: body and headline render as text, the JSON-LD stays one element", async ({
    editorPage: page,
    browser,
  }) => {
    const headline = `Harbour </script><script>window.__pwned = 1</script> notes ${uniqueSuffix()}`;
    await page.goto("/admin/articles/new");
    const form = page.getByRole("form", { name: "Story" });
    await form.getByLabel("Headline").fill(headline);
    await form.getByLabel("Slug").fill(`hostile-${uniqueSuffix()}`);
    await form
      .getByLabel("Body")
      .fill(
        'Before <script>window.__pwned = 2</script> <img src=x onerror="window.__pwned = 3">\n\n[a link](javascript:window.__pwned=4)',
      );
    await form.getByRole("button", { name: "Publish now" }).click();
    await expect(page.getByRole("form", { name: "Story" }).getByRole("status")).toHaveText("Published.");
    const slug = new URL(page.url()).pathname.split("/").pop()!;

    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`/articles/${slug}`);
    await expect(reader.getByRole("heading", { name: headline, level: 1 })).toBeVisible();
    await expect(reader.locator(".story__body")).toContainText("Before <script>window.__pwned = 2</script>");
    await expect(reader.locator(".story__body script, .story__body img")).toHaveCount(0);
    await expect(reader.locator('.story__body a[href^="javascript:"]')).toHaveCount(0);
    expect(await reader.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const jsonLd = reader.locator('script[type="application/ld+json"]');
    await expect(jsonLd).toHaveCount(1);
    expect(JSON.parse((await jsonLd.textContent())!).headline).toBe(headline);
    await reader.context().close();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("a corrected story reads the same", async ({ page }) => {
      const article = createArticle({ title: `No-JS correction ${uniqueSuffix()}` });
      e2eDb()
        .$client.prepare("update articles set correction = ?, corrected_at = ?, revised_at = ? where id = ?")
        .run("The vote was on Tuesday, not Monday.", Date.now(), Date.now(), article.id);
      await page.goto(article.url);
      await expect(page.getByRole("heading", { name: "Correction", exact: true })).toBeVisible();
      await expect(page.getByText("The vote was on Tuesday, not Monday.")).toBeVisible();
    });
  });
});

test.describe("scheduling", () => {
  test("a scheduled story goes live by itself: its page, the front page and the feed", async ({ browser }) => {
    test.slow();
    const at = new Date(Date.now() + 5_000);
    const story = createArticle({
      status: "scheduled",
      publishAt: at,
      publishedAt: at,
      title: `Scheduled story ${uniqueSuffix()}`,
    });
    const anonymous = await browser.newContext();
    expect((await anonymous.request.get(story.url)).status()).toBe(404);
    // The scheduler ticks every 15 s: live within 60 s of its time, with nobody in the admin.
    await expect
      .poll(async () => (await anonymous.request.get(story.url)).status(), { timeout: 65_000, intervals: [1000] })
      .toBe(200);
    expect(readStory(story.id)).toMatchObject({ status: "published", publish_at: null });
    await expect
      .poll(async () => (await (await anonymous.request.get("/")).text()).includes(story.title), { timeout: 15_000 })
      .toBe(true);
    // Published at its scheduled time (now), so it is among the newest: the feed carries it.
    expect(await (await anonymous.request.get("/feed.xml")).text()).toContain(story.title);
    await anonymous.close();
  });
});
