/**
 * Search as readers and staff meet it: the header's search box, the results
 * page (ranking, marked words, pages, order), what it does with malformed
 * input, how it is cached, and the staff searches over comments and people.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createUser, expect, test } from "./support/fixtures";
import { createArticle, insertComment } from "./support/content";
import { createStory, searchTag, updateStoryBody } from "./support/search-data";
import { e2eDb, mintSessionToken, SESSION_COOKIE } from "./support/users";

/** Types into the header's search box and submits it, as a reader does. */
async function searchFromHeader(page: Page, query: string) {
  const box = page.getByRole("search").getByRole("searchbox", { name: "Search stories" });
  await box.fill(query);
  await page.getByRole("search").getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
}

const results = (page: Page) =>
  page
    .getByRole("main")
    .getByRole("listitem")
    .filter({ has: page.locator("article") });

test.describe("reader search", () => {
  test("the header's search box finds a story by a word's stem and marks the matched words", async ({ page }) => {
    const tag = searchTag();
    const story = createStory({
      title: `Troops reach the ${tag} pass before the snow`,
      dek: "The convoy left at dawn.",
      body: `Soldiers from the ${tag} garrison said the road was clear.\n\nThe troop carriers returned at noon.`,
      section: "Politics",
      publishedAt: new Date("2018-04-02T09:00:00Z"),
    });
    await page.goto("/");
    await expect(page.getByRole("search").getByRole("searchbox", { name: "Search stories" })).toBeVisible();
    await searchFromHeader(page, `troop ${tag}`);

    await expect(page.getByRole("heading", { level: 1 })).toContainText(`troop ${tag}`);
    await expect(page.getByRole("searchbox", { name: "Search stories" })).toHaveValue(`troop ${tag}`);
    await expect(results(page)).toHaveCount(1);
    const link = page.getByRole("link", { name: story.title });
    await expect(link).toHaveAttribute("href", story.url);
    const result = results(page).first();
    await expect(result.getByRole("link", { name: "Politics" })).toBeVisible();
    await expect(result.locator("time")).toHaveAttribute("datetime", "2018-04-02T09:00:00.000Z");
    // "troop" found "Troops": the stem matched, and the words are marked where they stand.
    await expect(link.locator("mark")).toHaveText(["Troops", tag]);
    await expect(result.locator("p mark").first()).toHaveText(tag);
    await expect(page.getByText("1 story")).toBeVisible();
    await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);

    await link.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(story.title);
  });

  test("quoted phrases keep words together; a trailing * finds words by their beginning", async ({ page }) => {
    const tag = searchTag();
    const inOrder = createStory({ title: `Guard duty ${tag}`, body: "The National Guard arrived on Monday." });
    const apart = createStory({ title: `Duty roster ${tag}`, body: "The guard said the national team had left." });

    await page.goto(`/search?q=${encodeURIComponent(`"national guard" ${tag}`)}`);
    await expect(page.getByRole("link", { name: inOrder.title })).toBeVisible();
    await expect(page.getByRole("link", { name: apart.title })).toHaveCount(0);

    await page.goto(`/search?q=${encodeURIComponent(`${tag.slice(0, 7)}* guard`)}`);
    await expect(results(page)).toHaveCount(2);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`${tag.slice(0, 7)}* guard`);
  });

  test("malformed input gives results or 'No stories match', never an error", async ({ page }) => {
    const tag = searchTag();
    const story = createStory({
      title: `Harbour NEAR the ${tag} lighthouse`,
      body: "National guard troops OR sailors, and not the harbour master, took the title.",
    });
    const inputs = [
      `"${tag} lighthouse`, // unbalanced quote
      `NEAR(${tag}`,
      `${tag} OR`,
      `title:${tag}`,
      `((${tag}`,
      `${tag}") AND NOT (`,
      `^${tag} *`,
      `{${tag}}: -lighthouse`,
    ];
    for (const input of inputs) {
      const response = await page.goto(`/search?q=${encodeURIComponent(input)}`);
      expect(response?.status(), input).toBe(200);
      await expect(page.getByRole("heading", { level: 1 }), input).toContainText("Results for");
      await expect(page.getByRole("link", { name: story.title }), input).toBeVisible();
    }
    for (const input of ['"(', "NEAR(", "*", "AND OR NOT", `zz${tag}qq"`]) {
      await page.goto("/");
      await searchFromHeader(page, input);
      await expect(page.getByRole("heading", { level: 1 }), input).toBeVisible();
      await expect(page.getByText(/^No stories match/).or(results(page).first()), input).toBeVisible();
    }
    // Punctuation alone is nothing to search for: said plainly, as an error.
    await page.goto(`/search?q=${encodeURIComponent('"(')}`);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Search for a word or a number");
    await expect(page.getByText(`No stories match “"(”.`)).toBeVisible();
    // Typed text is shown as text, never as markup.
    await page.goto(`/search?q=${encodeURIComponent(`<img src=x onerror=alert(1)> ${tag}`)}`);
    await expect(page.locator("main img")).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`img src x onerror alert 1 ${tag}`);
  });

  test("a search that matches nothing says so", async ({ page }) => {
    const word = `${searchTag()}nothing`;
    await page.goto("/");
    await searchFromHeader(page, word);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(word);
    await expect(page.getByText(`No stories match “${word}”.`)).toBeVisible();
    await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Sort by date" })).toHaveCount(0);
  });

  test("a very long search is cut to the limit, and the reader is told", async ({ page }) => {
    const tag = searchTag();
    createStory({ title: `Long query ${tag}` });
    const words = [tag, ...Array.from({ length: 12 }, (_, i) => `extra${i}`)].join(" ");
    await page.goto(`/search?q=${encodeURIComponent(words)}`);
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "Searches are limited to 200 characters and 8 words",
    );
    await expect(page.getByRole("heading", { level: 1 })).toContainText(tag);
  });

  test("20 results a page with Next page; headline matches rank first; Sort by date is newest first", async ({
    page,
  }) => {
    const tag = searchTag();
    const base = Date.parse("2017-01-01T09:00:00Z");
    const inBody = createStory({
      title: "Ferry timetable changes",
      body: `Passengers asked about ${tag} again.`,
      publishedAt: new Date(base + 30 * 86400_000),
    });
    const inTitle = Array.from({ length: 22 }, (_, i) =>
      createStory({ title: `${tag} report number ${i + 1}`, publishedAt: new Date(base + i * 86400_000) }),
    );

    await page.goto(`/search?q=${tag}`);
    await expect(page.getByText("23 stories")).toBeVisible();
    await expect(results(page)).toHaveCount(20);
    // The story that only mentions the word in its body comes after every headline match.
    await expect(page.getByRole("link", { name: inBody.title })).toHaveCount(0);
    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(new RegExp(`/search\\?q=${tag}&page=2$`));
    await expect(results(page)).toHaveCount(3);
    await expect(results(page).last().getByRole("link", { name: inBody.title })).toBeVisible();
    await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Previous page" })).toBeVisible();

    await page.getByRole("link", { name: "Sort by date" }).click();
    await expect(page).toHaveURL(new RegExp(`/search\\?q=${tag}&sort=date$`));
    const headlines = await page.locator("main article h2").allTextContents();
    expect(headlines.slice(0, 3)).toEqual([inBody.title, inTitle[21]!.title, inTitle[20]!.title]);
    await expect(page.getByRole("link", { name: "Sort by relevance" })).toBeVisible();

    // Pages that do not exist are not found.
    expect((await page.goto(`/search?q=${tag}&page=3`))?.status()).toBe(404);
  });

  test("only published stories whose time has come are found; an edited story is found by its new words", async ({
    page,
  }) => {
    const tag = searchTag();
    const published = createStory({ title: `Published ${tag}` });
    createStory({ title: `Draft ${tag}`, status: "draft" });
    createStory({ title: `Scheduled ${tag}`, publishedAt: new Date(Date.now() + 86400_000) });
    await page.goto(`/search?q=${tag}`);
    await expect(results(page)).toHaveCount(1);
    await expect(page.getByRole("link", { name: published.title })).toBeVisible();

    const newWord = searchTag();
    updateStoryBody(published.id, `Now it is about ${newWord}.`);
    await page.goto(`/search?q=${newWord}`);
    await expect(page.getByRole("link", { name: published.title })).toBeVisible();
  });

  test("anonymous searches are cached, one entry per normalised search; signed-in ones are private", async ({
    request,
  }) => {
    const tag = searchTag();
    createStory({ title: `Cache me ${tag}` });
    const first = await request.get(`/search?q=${tag}`);
    expect(first.status()).toBe(200);
    expect(first.headers()["cache-control"]).toMatch(/\bpublic\b.*\bs-maxage=\d+/);
    // Other spellings of the same search are the same entry, already rendered.
    for (const spelling of [`%20%20${tag}%20`, `${tag}!!`, `${tag}&page=1&utm_source=x`, `%22${tag}%22`]) {
      const again = await request.get(`/search?q=${spelling}`);
      expect(again.headers()["x-nextjs-cache"], spelling).toBe("HIT");
      expect(await again.text()).toContain(`Cache me <mark>${tag}</mark>`);
    }
    // A search with no results is rendered per request and kept by no one.
    const none = await request.get(`/search?q=${tag}nothing`);
    expect(none.headers()["cache-control"]).toMatch(/no-store/);
    // The twins are not reachable by hand.
    expect((await request.get(`/cached/search/${encodeURIComponent(`q=${tag}x`)}`)).status()).toBe(404);

    const user = await createUser();
    const token = await mintSessionToken(user.id);
    const signedIn = await request.get(`/search?q=${tag}`, { headers: { Cookie: `${SESSION_COOKIE}=${token}` } });
    expect(signedIn.headers()["cache-control"]).toBe("private, no-store");
    expect(await signedIn.text()).toContain(user.name);
  });

  test("a signed-in reader searches and stays signed in", async ({ readerPage: page, reader }) => {
    const tag = searchTag();
    const story = createStory({ title: `Signed in search ${tag}` });
    await page.goto("/");
    await searchFromHeader(page, tag);
    await expect(page.getByRole("link", { name: story.title })).toBeVisible();
    await expect(page.getByRole("banner").getByRole("link", { name: reader.name })).toBeVisible();
    await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
  });

  test("the empty search page explains how to search", async ({ page }) => {
    await page.goto("/search");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search the archive");
    await expect(page.getByRole("heading", { level: 2, name: "How to search" })).toBeVisible();
  });
});

test.describe("reader search without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the header form, the next page and the order all work as plain links and forms", async ({ page }) => {
    const tag = searchTag();
    const base = Date.parse("2016-01-01T09:00:00Z");
    const stories = Array.from({ length: 21 }, (_, i) =>
      createStory({ title: `Plain form ${tag} ${i + 1}`, publishedAt: new Date(base + i * 86400_000) }),
    );
    await page.goto("/sections/politics");
    await page.getByRole("searchbox", { name: "Search stories" }).fill(`"plain form" ${tag}`);
    await page.getByRole("searchbox", { name: "Search stories" }).press("Enter");
    await expect(page).toHaveURL(/\/search\?q=/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`"plain form" ${tag}`);
    await expect(results(page)).toHaveCount(20);
    await expect(page.locator("main mark").first()).toBeVisible();

    await page.getByRole("link", { name: "Next page" }).click();
    await expect(results(page)).toHaveCount(1);
    await page.getByRole("link", { name: "Sort by date" }).click();
    await expect(page.locator("main article h2").first()).toHaveText(stories[20]!.title);

    await page.getByRole("searchbox", { name: "Search stories" }).fill(`NEAR("${tag}`);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`NEAR ${tag}`);
    await expect(page.getByText(/^No stories match/)).toBeVisible();
  });
});

test.describe("search pages for every reader", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`results have no WCAG 2.2 AA violations (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      const tag = searchTag();
      createStory({ title: `Accessible ${tag} story`, body: `The ${tag} was marked.` });
      await page.goto(`/search?q=${tag}`);
      await expect(page.locator("main mark").first()).toBeVisible();
      const axe = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        .analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    });
  }

  test("the results page fits a 360px screen", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const tag = searchTag();
    createStory({ title: `Narrow screen ${tag} with a long headline that has to wrap somewhere sensible` });
    await page.goto(`/search?q=${tag}`);
    await expect(results(page)).toHaveCount(1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe("staff search", () => {
  test("a moderator finds comments in every state by their words or their author's name, and decides from the results", async ({
    moderatorPage: page,
  }) => {
    const tag = searchTag();
    const author = await createUser({ name: `Perpetua ${tag}` });
    const article = createArticle();
    const held = insertComment({
      articleId: article.id,
      authorId: author.id,
      status: "pending",
      body: `The ferries are late ${tag}`,
    });
    const published = insertComment({
      articleId: article.id,
      authorId: author.id,
      status: "approved",
      body: "The ferry was fine today.",
    });
    const removed = insertComment({
      articleId: article.id,
      authorId: author.id,
      status: "rejected",
      body: "Cheap ferry tickets here",
    });
    const deleted = insertComment({
      articleId: article.id,
      authorId: author.id,
      status: "approved",
      body: "I take the ferry back",
    });
    e2eDb().$client.prepare("update comments set deleted_at = ? where id = ?").run(Date.now(), deleted.id);

    await page.goto("/admin/moderation");
    const search = page.getByRole("search", { name: "Search comments" });
    await search.getByRole("searchbox", { name: "Search comments" }).fill(`ferry ${tag}`);
    await search.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("heading", { name: `Comments matching “ferry ${tag}”` })).toBeVisible();
    // By the author's name: every state, removed and deleted included.
    await search.getByRole("searchbox", { name: "Search comments" }).fill(`perpetua ${tag}`);
    await search.getByRole("button", { name: "Search" }).click();
    const found = page
      .getByRole("list", { name: "Comments found" })
      .getByRole("listitem")
      .filter({ has: page.locator("article") });
    await expect(found).toHaveCount(4);
    await expect(page.locator(`#item-${held.id}`)).toContainText("Held for review");
    await expect(page.locator(`#item-${published.id}`)).toContainText("Published");
    await expect(page.locator(`#item-${removed.id}`)).toContainText("Removed");
    await expect(page.locator(`#item-${deleted.id}`)).toContainText("Deleted by its author");

    // By the words, stemmed: "ferries" and "ferry" alike; the name and the words together narrow it.
    await search.getByRole("searchbox", { name: "Search comments" }).fill(`${tag} ferri late`);
    await search.getByRole("button", { name: "Search" }).click();
    await expect(found).toHaveCount(1);
    await page.locator(`#item-${held.id}`).getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("status")).toContainText("Approved 1 comment");
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(page.locator(`#item-${held.id}`)).toContainText("Published");

    // Malformed input: a clear message or results, never an error page.
    await search.getByRole("searchbox", { name: "Search comments" }).fill('"(');
    await search.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("punctuation on its own matches nothing");
    await search.getByRole("searchbox", { name: "Search comments" }).fill(`NEAR(${tag} "cheap`);
    await search.getByRole("button", { name: "Search" }).click();
    await expect(page.getByText(`No comments match “NEAR ${tag} cheap”.`)).toBeVisible();
    await search.getByRole("searchbox", { name: "Search comments" }).fill(`"cheap ferry" ${tag}`);
    await search.getByRole("button", { name: "Search" }).click();
    await expect(found).toHaveCount(1);
    await expect(page.locator(`#item-${removed.id}`)).toBeVisible();
  });

  test("people search finds a reader by the beginning of a name or by an email", async ({ moderatorPage: page }) => {
    const tag = searchTag();
    const reader = await createUser({ name: `Wilhelmina ${tag} Quince` });
    await page.goto("/admin/users");
    await page.getByRole("searchbox", { name: "Search" }).fill(`wilhel ${tag.slice(0, 8)}`);
    await page.getByRole("searchbox", { name: "Search" }).press("Enter");
    await expect(page.getByRole("link", { name: reader.name })).toHaveAttribute("href", `/admin/users/${reader.id}`);
    await page.getByRole("searchbox", { name: "Search" }).fill(`"${reader.email}`);
    await page.getByRole("button", { name: "Find" }).click();
    await expect(page.getByRole("link", { name: reader.name })).toBeVisible();
    await expect(page.getByRole("row")).toHaveCount(2);
  });
});
