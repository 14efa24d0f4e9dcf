import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "@/lib/front-matter";
import { openDatabase } from "./index";
import { CONTENT_DIR, loadArticleFile, loadArticles, seedIfEmpty } from "./seed";

const SEED_SLUG = "dhs-requests-national-guard-for-immigration-enforcement";

function tempDb() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-seed-"));
  return openDatabase(path.join(dir, "news.db"));
}

describe("seed loader", () => {
  it("reads every article file with its front matter", () => {
    const articles = loadArticles();
    expect(articles.length).toBeGreaterThanOrEqual(12);
    expect(new Set(articles.map((a) => a.section)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(articles.map((a) => a.slug)).size).toBe(articles.length);
    for (const article of articles) {
      expect(article.publishedAt).toBeInstanceOf(Date);
      expect(article.body.length).toBeGreaterThan(200);
    }
  });

  it("keeps the seed article's body byte for byte", () => {
    const source = fs.readFileSync(path.join(CONTENT_DIR, `${SEED_SLUG}.md`), "utf8");
    const article = loadArticleFile(source);
    expect(article.body).toBe(parseFrontMatter(source).body);
    expect(article.body).toContain("the Trump administration’s intensified immigration enforcement efforts");
    expect(article.body).toContain("“utilize all available tools and resources”");
    expect(article.publishedAt.toISOString()).toBe("2026-11-20T09:00:00.000Z");
  });

  it("refuses a file without a required field", () => {
    expect(() => loadArticleFile("---\nslug: x\ntitle: T\n---\nBody")).toThrow(/dek/);
    expect(() =>
      loadArticleFile("---\nslug: x\ntitle: T\ndek: D\nsection: S\nauthor: A\npublishedAt: not a date\n---\nBody"),
    ).toThrow(/publishedAt/);
  });

  it("fills an empty database once and leaves a non-empty one alone", () => {
    const db = tempDb();
    const count = () => db.$client.prepare("select count(*) as n from articles").get() as { n: number };
    // openDatabase seeds on first open.
    expect(count().n).toBe(loadArticles().length);
    expect(seedIfEmpty(db)).toBe(0);
    expect(count().n).toBe(loadArticles().length);
    const row = db.$client
      .prepare("select title, status, comments_open as open, comment_count as comments from articles where slug = ?")
      .get(SEED_SLUG) as { title: string; status: string; open: number; comments: number };
    expect(row).toEqual({
      title: "DHS asks the Pentagon for more than 20,000 National Guard troops to support immigration enforcement",
      status: "published",
      open: 1,
      comments: 0,
    });
    db.$client.close();
  });
});
