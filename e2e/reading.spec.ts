/**
 * The reading site as a reader meets it: front page, sections, the article
 * page, the 404 page, feeds for machines, accessibility and small screens.
 */
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { parseFrontMatter } from "../lib/front-matter";
import { test, expect } from "./support/fixtures";
import { createArticle } from "./support/content";
import { createUser, e2eDb, mintSessionToken, SESSION_COOKIE, uniqueSuffix } from "./support/users";

const SEED_FILE = path.join(
  __dirname,
  "..",
  "content",
  "articles",
  "dhs-requests-national-guard-for-immigration-enforcement.md",
);
const seed = parseFrontMatter(fs.readFileSync(SEED_FILE, "utf8"));
const SEED_SLUG = seed.data.slug!;
const SEED_TITLE = seed.data.title!;
const SEED_URL = `/articles/${SEED_SLUG}`;
const SEED_PARAGRAPHS = seed.body
  .split(/\n\s*\n/)
  .map((p) => p.trim())
  .filter(Boolean);

test.describe("front page to article", () => {
  test("a reader clicks a headline on the front page and reads the story", async ({ page }) => {
    // Other specs publish stories of their own, so take whichever story leads the page.
    await page.goto("/");
    await expect(page).toHaveTitle(/Broadsheet/);
    const headline = page.locator(".lead-story h2 a");
    const title = (await headline.textContent())?.trim() ?? "";
    expect(title.length).toBeGreaterThan(10);
    await expect(page.getByRole("link", { name: title }).first()).toBeVisible();
    await headline.click();

    await expect(page).toHaveURL(/\/articles\/[a-z0-9-]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page).toHaveTitle(new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    await expect(page.locator(".byline")).toHaveText(/^By \S/);
    await expect(page.locator("header time[datetime]").first()).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: /^\d+ Comments?$/ })).toBeVisible();
  });

  test("the seed article shows its headline, byline, date, reading time and related stories", async ({ page }) => {
    await page.goto(SEED_URL);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(SEED_TITLE);
    await expect(page).toHaveTitle(new RegExp(SEED_TITLE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    await expect(page.locator(".byline")).toHaveText("By Staff Reporter");
    const published = page.locator("header time").first();
    await expect(published).toHaveAttribute("datetime", "2026-11-20T09:00:00.000Z");
    await expect(published).toHaveText("20 November 2026");
    await expect(page.getByText(/\d+ min read/)).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: /^\d+ Comments?$/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "More in Politics" })).toBeVisible();
  });

  test("the front page shows a lead story, the latest stories and every section", async ({ page }) => {
    await page.goto("/");
    const main = page.getByRole("main");
    const sections = main.getByRole("region", { name: "Sections" });
    for (const section of ["Politics", "Business", "Science", "Culture", "Sport"]) {
      await expect(sections.getByRole("link", { name: new RegExp(`^${section} \\d+ stor`) })).toHaveAttribute(
        "href",
        `/sections/${section.toLowerCase()}`,
      );
    }
    // Each story shows its headline, dek, byline, date and comment count.
    const lead = main.locator(".lead-story");
    await expect(lead.getByRole("heading", { level: 2 })).toBeVisible();
    await expect(lead.locator(".lead-story__dek")).not.toBeEmpty();
    await expect(lead.getByText(/^By /)).toBeVisible();
    await expect(lead.locator("time[datetime]")).toBeVisible();
    await expect(lead.getByRole("link", { name: /^\d+ comments?$/ })).toBeVisible();
    expect(await main.locator("article h2 a, article h3 a").count()).toBeGreaterThanOrEqual(12);
  });

  test("every paragraph of the seed article is on the page exactly as written", async ({ page }) => {
    await page.goto(SEED_URL);
    const paragraphs = page.locator(".story__body > p");
    await expect(paragraphs).toHaveText(SEED_PARAGRAPHS);
    // Curly quotes and apostrophes stay as filed; nothing is "smartened".
    await expect(page.getByText("“utilize all available tools and resources”", { exact: false })).toBeVisible();
  });

  test("a story with no comments says so and invites a signed-out reader to sign in", async ({ page }) => {
    const article = createArticle({ section: "Science", body: 'It was -- "quietly" -- done.\n\nThe end.' });
    await page.goto(article.url);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(article.title);
    // Plain ASCII quotes and double hyphens survive too.
    await expect(page.locator(".story__body > p").first()).toHaveText('It was -- "quietly" -- done.');
    await expect(page.getByRole("heading", { level: 2, name: "0 Comments" })).toBeVisible();
    await expect(page.getByText("No comments yet. Be the first to comment!")).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in to comment" })).toHaveAttribute(
      "href",
      `/signin?callbackUrl=${encodeURIComponent(article.url)}`,
    );
  });

  test("a section front lists its stories newest first", async ({ page }) => {
    await page.goto("/sections/business");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Business");
    await expect(
      page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Business" }),
    ).toHaveAttribute("aria-current", "page");
    await expect(page).toHaveTitle(/^Business \| Broadsheet$/);
    const dates = await page
      .locator("main article time")
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("datetime") ?? ""));
    expect(dates.length).toBeGreaterThanOrEqual(3);
    expect([...dates].sort().reverse()).toEqual(dates);
    const first = page.locator("main article h2 a").first();
    const title = (await first.textContent())?.trim() ?? "";
    await first.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  });

  test("a long section front is paginated, oldest stories on the last page", async ({ page }) => {
    // Eleven old Culture stories of this test's own make the section two pages long (ten a page).
    const suffix = uniqueSuffix();
    const insert = e2eDb().$client.prepare(
      `insert into articles (slug, title, dek, body, section, author, published_at, updated_at, status, comments_open, comment_count)
       values (?, ?, 'An archive story.', 'From the archive.', 'Culture', 'Archive Desk', ?, ?, 'published', 1, 0)`,
    );
    const titles: string[] = [];
    for (let i = 0; i < 11; i++) {
      const at = Date.parse("2018-01-01T12:00:00Z") + i * 86_400_000;
      titles.push(`Archive review ${i} ${suffix}`);
      insert.run(`archive-review-${i}-${suffix}`, titles[i], at, at);
    }
    // Mine are the oldest Culture stories, so they close the last page (other specs may add stories).
    const { n } = e2eDb()
      .$client.prepare("select count(*) as n from articles where section = 'Culture' and status = 'published'")
      .get() as { n: number };
    const lastPage = Math.ceil(n / 10);
    expect(lastPage).toBeGreaterThanOrEqual(2);
    await page.goto(`/sections/culture?page=${lastPage}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Culture");
    await expect(page.getByText(`page ${lastPage} of ${lastPage}`)).toBeVisible();
    const headlines = await page.locator("main article h2").allTextContents();
    expect(headlines.slice(-3)).toEqual([titles[2], titles[1], titles[0]]);
    await expect(page.getByRole("link", { name: "← Newer stories" })).toHaveAttribute(
      "href",
      lastPage === 2 ? "/sections/culture" : `/sections/culture?page=${lastPage - 1}`,
    );
    await expect(page.getByRole("link", { name: "Older stories →" })).toHaveCount(0);
  });

  test("a signed-in reader sees their name and a Sign out button in the header", async ({ readerPage, reader }) => {
    await readerPage.goto(SEED_URL);
    const header = readerPage.getByRole("banner");
    await expect(header.getByRole("link", { name: reader.name })).toHaveAttribute("href", "/account");
    await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(readerPage.getByRole("heading", { level: 1 })).toHaveText(SEED_TITLE);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a reader browses from the front page through a section to a story", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Politics" }).click();
    await expect(page).toHaveURL("/sections/politics");
    const first = page.locator("main article h2 a").first();
    const title = (await first.textContent())?.trim() ?? "";
    await first.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("heading", { level: 2, name: /^\d+ Comments?$/ })).toBeVisible();
  });

  test("the seed article reads in full", async ({ page }) => {
    await page.goto(SEED_URL);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(SEED_TITLE);
    await expect(page.locator(".story__body > p")).toHaveText(SEED_PARAGRAPHS);
  });

  test("the skip link moves to the main content", async ({ page }) => {
    await page.goto(SEED_URL);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await skip.press("Enter");
    await expect(page).toHaveURL(/#main$/);
  });
});

test.describe("not found", () => {
  test("an unknown article answers 404 with a real page", async ({ page }) => {
    const response = await page.goto(`/articles/no-such-story-${uniqueSuffix()}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.getByRole("banner")).toHaveCount(1);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn’t find that page");
    await expect(page.getByRole("link", { name: "Go to the front page" })).toBeVisible();
  });

  test("an address that matches no route answers 404 with the same page", async ({ page }) => {
    const response = await page.goto(`/no/such/${uniqueSuffix()}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn’t find that page");
  });

  test("an unknown section and a page past the end answer 404", async ({ request }) => {
    expect((await request.get("/sections/weather")).status()).toBe(404);
    expect((await request.get("/sections/politics?page=99")).status()).toBe(404);
  });
});

test.describe("for machines", () => {
  test("the RSS feed lists the newest stories", async ({ request }) => {
    // Other specs publish stories too: the newest one right now must be in the feed.
    const newest = e2eDb()
      .$client.prepare(
        "select slug, title from articles where status = 'published' order by published_at desc, id desc limit 1",
      )
      .get() as { slug: string; title: string };
    const response = await request.get("/feed.xml");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/rss+xml");
    const xml = await response.text();
    expect(xml).toContain('<rss version="2.0"');
    expect(xml).toContain("<channel>");
    expect(xml).toContain(`<title>${newest.title}</title>`);
    expect(xml).toMatch(new RegExp(`<link>https?://[^<]+/articles/${newest.slug}</link>`));
    const items = xml.match(/<item>[\s\S]*?<\/item>/g) ?? [];
    expect(items.length).toBeGreaterThanOrEqual(12);
    for (const item of items) {
      expect(item).toMatch(/<title>[^<]+<\/title>/);
      expect(item).toMatch(/<guid isPermaLink="true">https?:\/\/[^<]+\/articles\/[^<]+<\/guid>/);
      expect(item).toMatch(/<pubDate>\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT<\/pubDate>/);
    }
  });

  test("the sitemap and robots.txt point at every story and section", async ({ request }) => {
    const sitemap = await (await request.get("/sitemap.xml")).text();
    expect(sitemap).toContain("<urlset");
    expect(sitemap).toContain(`${SEED_URL}</loc>`);
    expect(sitemap).toContain("/sections/culture</loc>");
    const robots = await (await request.get("/robots.txt")).text();
    expect(robots).toMatch(/Sitemap: https?:\/\/\S+\/sitemap\.xml/);
  });

  test("the article page has its description, social tags, canonical link and NewsArticle data", async ({ page }) => {
    await page.goto(SEED_URL);
    const head = page.locator("head");
    await expect(head.locator('meta[name="description"]')).toHaveAttribute("content", seed.data.dek!);
    await expect(head.locator('meta[property="og:title"]')).toHaveAttribute("content", SEED_TITLE);
    await expect(head.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
    await expect(head.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary");
    await expect(head.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`${SEED_URL}$`));
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
    expect(jsonLd).toMatchObject({
      "@type": "NewsArticle",
      headline: SEED_TITLE,
      datePublished: "2026-11-20T09:00:00.000Z",
    });
  });

  test("anonymous pages are publicly cacheable; signed-in requests are private", async ({ request }) => {
    for (const url of ["/", "/sections/politics", SEED_URL, `${SEED_URL}?sort=top`]) {
      const response = await request.get(url);
      expect(response.status()).toBe(200);
      const cacheControl = response.headers()["cache-control"] ?? "";
      expect(cacheControl, url).toMatch(/\bpublic\b/);
      expect(cacheControl, url).toMatch(/\bs-maxage=\d+/);
      expect(cacheControl, url).toMatch(/\bstale-while-revalidate=\d+/);
    }
    const user = await createUser();
    const token = await mintSessionToken(user.id);
    const signedIn = await request.get(SEED_URL, { headers: { Cookie: `${SESSION_COOKIE}=${token}` } });
    expect(signedIn.headers()["cache-control"]).toBe("private, no-store");
  });
});

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`accessibility (${colorScheme})`, () => {
    test.use({ colorScheme });

    for (const [name, url] of [
      ["front page", "/"],
      ["section front", "/sections/politics"],
      ["article", SEED_URL],
    ] as const) {
      test(`the ${name} has no WCAG 2.2 AA violations`, async ({ page }) => {
        await page.goto(url);
        await expect(page.getByRole("main")).toBeVisible();
        await expectNoAxeViolations(page);
      });
    }
  });
}

test.describe("small screens", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  for (const url of ["/", "/sections/science", SEED_URL, "/articles/no-such-story"]) {
    test(`${url} fits a 360px screen without sideways scrolling`, async ({ page }) => {
      await page.goto(url);
      await expect(page.getByRole("main")).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
});
