import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatImportReport, parseArticleSource } from "@/lib/article-import";
import { openDatabase } from "./index";
import { importArticles } from "./import";

function story(slug: string, extra: Partial<Record<string, string>> = {}, body = "The body of the story.") {
  const data = {
    slug,
    title: `Headline of ${slug}`,
    dek: "A standfirst.",
    section: "Science",
    author: "Ada Reporter",
    publishedAt: "2026-11-01T08:00:00Z",
    ...extra,
  };
  const lines = Object.entries(data).map(([k, v]) => `${k}: ${v}`);
  return `---\n${lines.join("\n")}\n---\n\n${body}\n`;
}

function tempDb() {
  return openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-import-")), "news.db"));
}

describe("parseArticleSource", () => {
  it("reads a story, body byte for byte, quotes and dashes untouched", () => {
    const result = parseArticleSource(story("quotes", {}, 'He said "don\'t" -- twice.'), new Set(["Science"]));
    expect(result.ok && result.article.body).toBe('He said "don\'t" -- twice.');
  });

  it("names the reason a file cannot be imported", () => {
    const sections = new Set(["Science"]);
    expect(parseArticleSource("just text", sections)).toMatchObject({ ok: false, reason: /no front matter/ });
    expect(parseArticleSource("---\nslug x\n---\nbody", sections)).toMatchObject({ ok: false, reason: /colon/ });
    expect(parseArticleSource(story("a", { dek: "" }), sections)).toMatchObject({ ok: false, reason: /dek/ });
    expect(parseArticleSource(story("Bad Slug"), sections)).toMatchObject({ ok: false, reason: /slug/ });
    expect(parseArticleSource(story("a", { publishedAt: "soon" }), sections)).toMatchObject({
      ok: false,
      reason: /publishedAt/,
    });
    expect(parseArticleSource(story("a", { section: "Weather" }), sections)).toMatchObject({
      ok: false,
      reason: /unknown section "Weather"/,
    });
  });
});

describe("importArticles", () => {
  it("creates, updates and leaves alone by slug; a bad file fails alone", () => {
    const db = tempDb();
    const first = importArticles(db, [
      { name: "one.md", source: story("import-one") },
      { name: "two.md", source: story("import-two") },
      { name: "broken.md", source: "---\nslug: broken\n---\n" },
    ]);
    expect(first.created).toEqual(["import-one", "import-two"]);
    expect(first.failed).toEqual([{ file: "broken.md", reason: 'missing "title" in its front matter' }]);

    const progress: string[] = [];
    const second = importArticles(
      db,
      [
        { name: "one.md", source: story("import-one") },
        { name: "two.md", source: story("import-two", { title: "A corrected headline" }) },
        { name: "three.md", source: story("import-three") },
        { name: "copy.md", source: story("import-three") },
      ],
      { onProgress: (done, total) => progress.push(`${done}/${total}`) },
    );
    expect(second).toMatchObject({ created: ["import-three"], updated: ["import-two"], unchanged: ["import-one"] });
    expect(second.failed).toEqual([{ file: "copy.md", reason: 'slug "import-three" is also in three.md' }]);
    expect(progress).toEqual(["4/4"]);
    const title = db.$client.prepare("select title from articles where slug = ?").get("import-two") as {
      title: string;
    };
    expect(title.title).toBe("A corrected headline");
    expect(formatImportReport(second)).toMatch(/^1 created, 1 updated, 1 unchanged, 1 failed\n {2}failed: copy\.md/);
  });
});
