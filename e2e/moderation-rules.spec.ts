import type { Browser, Page } from "@playwright/test";
import { createUser, expect, loginAs, test } from "./support/fixtures";
import { uniqueSuffix } from "./support/users";
import { logFor, readArticle } from "./support/moderation-data";
import { createArticle, insertComment } from "./support/content";

async function readerOn(browser: Browser, slug: string, options: Parameters<typeof createUser>[0] = {}) {
  const reader = await createUser(options);
  const context = await browser.newContext();
  await loginAs(context, reader);
  const page = await context.newPage();
  await page.goto(`/articles/${slug}`);
  return { reader, page, close: () => context.close() };
}

async function post(page: Page, text: string) {
  await page.getByRole("textbox", { name: "Comment" }).fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
}

/** Adds words to the site lists, keeping whatever is there (other tests' words included). */
async function addWords(page: Page, lists: { banned?: string; suspect?: string }) {
  await page.goto("/admin/settings");
  const form = page.getByRole("form", { name: "Moderation settings" });
  for (const [label, word] of [
    ["Banned words", lists.banned],
    ["Suspect words", lists.suspect],
  ] as const) {
    if (!word) continue;
    const box = form.getByRole("textbox", { name: label });
    const current = await box.inputValue();
    await box.fill(current ? `${current}\n${word}` : word);
  }
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("status")).toHaveText("Settings saved.");
}

// Settings are site-wide: these tests change only word lists with words no one
// else writes, and run one after another so no save overwrites another's words.
test.describe.configure({ mode: "serial" });

test.describe("rules", () => {
  test("the settings page: pre-moderation modes, word lists, auto-close; saved and logged", async ({
    adminPage: page,
    admin,
  }) => {
    await page.goto("/admin/settings");
    const group = page.getByRole("group", { name: "Pre-moderation" });
    for (const mode of ["Off", "New readers", "Everyone"]) {
      await expect(group.getByRole("radio", { name: mode, exact: true })).toBeVisible();
    }
    await expect(group.getByRole("radio", { name: "Off", exact: true })).toBeChecked();
    const word = `zorbl${uniqueSuffix()}`;
    await addWords(page, { suspect: word });
    await page.reload();
    await expect(page.getByRole("textbox", { name: "Suspect words" })).toHaveValue(new RegExp(word));
    const entry = logFor("settings", "moderation")[0];
    expect(entry).toMatchObject({ actor_id: admin.id, action: "settings" });
    expect(entry?.reason).toContain("suspectWords");
  });

  test("a bad number is refused in the form, with what was typed kept", async ({ adminPage: page }) => {
    await page.goto("/admin/settings");
    const form = page.getByRole("form", { name: "Moderation settings" });
    await form.getByLabel("Close comments after (days)").fill("-4");
    await form.getByRole("textbox", { name: "Banned words" }).fill("kept-text-please");
    // Bypass the browser's own min check to exercise the server's.
    await form.getByLabel("Close comments after (days)").evaluate((el) => el.removeAttribute("min"));
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(form.getByRole("alert")).toContainText("Check the highlighted settings.");
    await expect(form.getByText("0 (never) or more.")).toBeVisible();
    await expect(form.getByRole("textbox", { name: "Banned words" })).toHaveValue("kept-text-please");
  });

  test("a banned word refuses the comment; a suspect word holds it with the word named", async ({
    adminPage: page,
    browser,
  }) => {
    const banned = `blorg${uniqueSuffix()}`;
    const suspect = `quux${uniqueSuffix()}`;
    await addWords(page, { banned, suspect });
    const article = createArticle();

    const one = await readerOn(browser, article.slug);
    await post(one.page, `This is ${banned.toUpperCase()} nonsense`);
    await expect(one.page.getByRole("alert").filter({ hasText: banned })).toBeVisible();
    await expect(one.page.getByRole("textbox", { name: "Comment" })).toHaveValue(
      `This is ${banned.toUpperCase()} nonsense`,
    );
    await one.close();

    // Word boundaries: the word inside another word is not matched.
    const two = await readerOn(browser, article.slug);
    const fine = `pre${suspect}post is fine ${uniqueSuffix()}`;
    await post(two.page, fine);
    await expect(two.page.getByText(fine)).toBeVisible();
    await expect(two.page.getByText("Your comment is awaiting moderation.")).toHaveCount(0);
    await two.close();

    const three = await readerOn(browser, article.slug);
    const held = `Is this a ${suspect}? ${uniqueSuffix()}`;
    await post(three.page, held);
    await expect(three.page.getByText("Your comment is awaiting moderation.")).toBeVisible();
    await three.close();

    await page.goto("/admin/moderation?queue=pending");
    await expect(page.getByRole("listitem").filter({ hasText: held })).toContainText(
      `Contains the suspect word “${suspect}”`,
    );
  });

  test("pre-moderation per article: Everyone holds every reader; New readers holds those without approved comments", async ({
    adminPage: page,
    browser,
  }) => {
    const article = createArticle();
    await page.goto(`/admin/articles/${article.slug}`);
    const form = page.getByRole("form", { name: "Article pre-moderation" });
    await form.getByRole("radio", { name: "Everyone" }).check();
    await form.getByRole("button", { name: "Save pre-moderation" }).click();
    await expect(form.getByRole("status")).toContainText("everyone");
    expect(readArticle(article.id).premod_override).toBe("all");

    const regular = await createUser();
    const other = createArticle();
    for (let i = 0; i < 3; i++)
      insertComment({
        articleId: other.id,
        authorId: regular.id,
        status: "approved",
        createdAt: new Date(Date.now() - (i + 2) * 3600_000),
      });
    const context = await browser.newContext();
    await loginAs(context, regular);
    const regularPage = await context.newPage();
    await regularPage.goto(`/articles/${article.slug}`);
    await post(regularPage, `Held even for a regular ${uniqueSuffix()}`);
    await expect(regularPage.getByText("Your comment is awaiting moderation.")).toBeVisible();

    await form.getByRole("radio", { name: "New readers" }).check();
    await form.getByRole("button", { name: "Save pre-moderation" }).click();
    await expect(form.getByRole("status")).toContainText("new readers");
    expect(readArticle(article.id).premod_override).toBe("new");

    const newcomer = await readerOn(browser, article.slug);
    await post(newcomer.page, `First words here ${uniqueSuffix()}`);
    await expect(newcomer.page.getByText("Your comment is awaiting moderation.")).toBeVisible();
    await newcomer.close();

    await context.close();

    // A regular (3 approved comments, the default threshold) publishes at once.
    const regular2 = await createUser();
    for (let i = 0; i < 3; i++)
      insertComment({
        articleId: other.id,
        authorId: regular2.id,
        status: "approved",
        createdAt: new Date(Date.now() - (i + 2) * 3600_000),
      });
    const context2 = await browser.newContext();
    await loginAs(context2, regular2);
    const regularPage2 = await context2.newPage();
    await regularPage2.goto(`/articles/${article.slug}`);
    const published = `A regular publishes ${uniqueSuffix()}`;
    await post(regularPage2, published);
    await expect(regularPage2.getByText(published)).toBeVisible();
    await expect(regularPage2.getByText("Your comment is awaiting moderation.")).toHaveCount(0);
    await context2.close();
    expect(logFor("article", article.id)[0]).toMatchObject({ action: "article-premod" });
  });

  test("closing comments on an article removes the form; opening brings it back", async ({
    moderatorPage: page,
    moderator,
    browser,
  }) => {
    const article = createArticle();
    await page.goto(`/admin/articles/${article.slug}`);
    await page.getByRole("button", { name: "Close comments" }).click();
    await expect(page.getByRole("status")).toContainText("Comments are closed on this article.");
    await expect(page.getByRole("button", { name: "Open comments" })).toBeVisible();
    expect(readArticle(article.id).comments_open).toBe(0);
    expect(logFor("article", article.id)[0]).toMatchObject({ actor_id: moderator.id, action: "close-comments" });

    const reader = await readerOn(browser, article.slug);
    await expect(reader.page.getByText("Comments are closed.")).toBeVisible();
    await expect(reader.page.getByRole("textbox", { name: "Comment" })).toHaveCount(0);

    await page.getByRole("button", { name: "Open comments" }).click();
    await expect(page.getByRole("button", { name: "Close comments" })).toBeVisible();
    expect(readArticle(article.id).comments_open).toBe(1);
    await reader.page.reload();
    await expect(reader.page.getByRole("textbox", { name: "Comment" })).toBeVisible();
    await reader.close();
  });

  test("auto-close: comments close N days after publication", async ({ adminPage: page, browser }) => {
    // Ten years, so only this test's back-dated article is affected while the setting is on.
    const old = createArticle({ publishedAt: new Date(Date.now() - 3700 * 86400_000) });
    const fresh = createArticle();
    const days = page.getByLabel("Close comments after (days)");
    await page.goto("/admin/settings");
    await days.fill("3650");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("form", { name: "Moderation settings" }).getByRole("status")).toHaveText(
      "Settings saved.",
    );
    try {
      const reader = await readerOn(browser, old.slug);
      await expect(reader.page.getByText("Comments are closed.")).toBeVisible();
      await expect(reader.page.getByRole("textbox", { name: "Comment" })).toHaveCount(0);
      await reader.page.goto(`/articles/${fresh.slug}`);
      await expect(reader.page.getByRole("textbox", { name: "Comment" })).toBeVisible();
      await reader.close();
      await page.goto(`/admin/articles/${old.slug}`);
      await expect(page.getByText(/closed automatically since/)).toBeVisible();
    } finally {
      await page.goto("/admin/settings");
      await days.fill("0");
      await page.getByRole("button", { name: "Save settings" }).click();
      await expect(page.getByRole("form", { name: "Moderation settings" }).getByRole("status")).toHaveText(
        "Settings saved.",
      );
    }
  });

  test("a moderator has no settings page", async ({ moderatorPage: page }) => {
    const response = await page.goto("/admin/settings");
    expect(response?.status()).toBe(404);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("settings save and comments close as plain forms", async ({ adminPage: page }) => {
      const word = `nojs${uniqueSuffix()}`;
      await addWords(page, { suspect: word });
      await page.goto("/admin/settings");
      await expect(page.getByRole("textbox", { name: "Suspect words" })).toHaveValue(new RegExp(word));

      const article = createArticle();
      await page.goto(`/admin/articles/${article.slug}`);
      await page.getByRole("button", { name: "Close comments" }).click();
      await expect(page.getByRole("button", { name: "Open comments" })).toBeVisible();
      expect(readArticle(article.id).comments_open).toBe(0);
    });
  });
});
