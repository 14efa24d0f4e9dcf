import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";
import { getDb, MIGRATIONS_FOLDER, writeTransaction } from "@/db";
import { parseSearchQuery, toMatchExpression } from "@/lib/search-query";
import { MARK_END, MARK_START, splitMarked } from "@/lib/search-snippet";
import { countStories, searchStories, storySearchPageExists } from "./search";
import { searchComments } from "./moderation";
import { searchUsers } from "./user-admin";

const client = () => getDb().$client;
let seq = 0;
const unique = () => `${Date.now().toString(36)}${++seq}`;

function addStory(
  over: { title?: string; dek?: string; body?: string; status?: string; publishedAt?: number; slug?: string } = {},
) {
  const slug = over.slug ?? `search-test-${unique()}`;
  const when = over.publishedAt ?? Date.parse("2021-03-01T09:00:00Z");
  const row = client()
    .prepare(
      `insert into articles (slug, title, dek, body, section, author, published_at, updated_at, status)
       values (?, ?, ?, ?, 'Politics', 'Test Desk', ?, ?, ?) returning id`,
    )
    .get(
      slug,
      over.title ?? "A story",
      over.dek ?? "A standfirst.",
      over.body ?? "A body.",
      when,
      when,
      over.status ?? "published",
    ) as { id: number };
  return { id: row.id, slug };
}

const matchOf = (raw: string) => toMatchExpression(parseSearchQuery(raw))!;
const find = (raw: string, sort: "relevance" | "date" = "relevance") =>
  searchStories({ match: matchOf(raw), sort, page: 1, perPage: 20 }).hits.map((h) => h.slug);

describe("story search", () => {
  it("finds a story by stem, prefix, phrase and without diacritics, in the same transaction as the write", () => {
    const word = `zorblax${unique()}`;
    const story = addStory({ title: `Troops sent to ${word}`, body: "The National Guard was deployed to the café." });
    expect(find(`troop ${word}`)).toEqual([story.slug]);
    expect(find(`${word.slice(0, 6)}* guard`)).toEqual([story.slug]);
    expect(find(`"national guard" ${word}`)).toEqual([story.slug]);
    expect(find(`"guard national" ${word}`)).toEqual([]);
    expect(find(`cafe ${word}`)).toEqual([story.slug]);
    expect(find(`CAFÉ ${word}`)).toEqual([story.slug]);
  });

  it("follows every change to a story: edited, unpublished, scheduled, deleted", () => {
    const before = `quoxel${unique()}`;
    const after = `frindle${unique()}`;
    const story = addStory({ body: `Talk of ${before}.` });
    expect(find(before)).toEqual([story.slug]);

    writeTransaction(() =>
      client().prepare("update articles set body = ? where id = ?").run(`Talk of ${after}.`, story.id),
    );
    expect(find(before)).toEqual([]);
    expect(find(after)).toEqual([story.slug]);
    // Columns the index does not hold leave it alone (and must not corrupt it).
    client().prepare("update articles set comment_count = comment_count + 1 where id = ?").run(story.id);
    expect(find(after)).toEqual([story.slug]);

    client().prepare("update articles set status = 'draft' where id = ?").run(story.id);
    expect(find(after)).toEqual([]);
    client()
      .prepare("update articles set status = 'published', published_at = ? where id = ?")
      .run(Date.now() + 3600_000, story.id);
    expect(find(after)).toEqual([]);
    client()
      .prepare("update articles set published_at = ? where id = ?")
      .run(Date.now() - 1000, story.id);
    expect(find(after)).toEqual([story.slug]);

    client().prepare("delete from articles where id = ?").run(story.id);
    expect(find(after)).toEqual([]);
    expect(
      client().prepare("insert into articles_fts(articles_fts, rank) values ('integrity-check', 1)").run(),
    ).toBeTruthy();
  });

  it("ranks a match in the headline above the standfirst above the body; Sort by date is newest first", () => {
    const word = `plimsoll${unique()}`;
    const inBody = addStory({
      body: `One mention of ${word} in a long body about other things entirely.`,
      publishedAt: Date.parse("2021-01-03"),
    });
    const inDek = addStory({ dek: `The ${word} question.`, publishedAt: Date.parse("2021-01-01") });
    const inTitle = addStory({ title: `The ${word} affair`, publishedAt: Date.parse("2021-01-02") });
    expect(find(word)).toEqual([inTitle.slug, inDek.slug, inBody.slug]);
    expect(find(word, "date")).toEqual([inBody.slug, inTitle.slug, inDek.slug]);
  });

  it("marks the matched words in the headline, standfirst and snippet with the control markers only", () => {
    const word = `gravitas${unique()}`;
    addStory({
      title: `<b>${word}</b> & co`,
      dek: "Nothing here.",
      body: `Before. The ${word}s were <script>x</script> found.`,
    });
    const [hit] = searchStories({ match: matchOf(word), sort: "relevance", page: 1, perPage: 20 }).hits;
    expect(hit!.titleMarked).toBe(`<b>${MARK_START}${word}${MARK_END}</b> & co`);
    expect(
      splitMarked(hit!.bodySnippet)
        .filter((r) => r.marked)
        .map((r) => r.text),
    ).toEqual([`${word}s`]);
    expect(hit!.dekMarked).toBe("Nothing here.");
  });

  it("pages 20 at a time, counts, and says whether a page exists", () => {
    const word = `pagination${unique()}`;
    for (let i = 0; i < 23; i++)
      addStory({ title: `${word} story ${i}`, publishedAt: Date.parse("2020-01-01") + i * 1000 });
    const match = matchOf(word);
    const first = searchStories({ match, sort: "date", page: 1, perPage: 20 });
    const second = searchStories({ match, sort: "date", page: 2, perPage: 20 });
    expect(first.hits).toHaveLength(20);
    expect(first.hasNext).toBe(true);
    expect(second.hits).toHaveLength(3);
    expect(second.hasNext).toBe(false);
    expect(new Set([...first.hits, ...second.hits].map((h) => h.slug)).size).toBe(23);
    expect(countStories({ match })).toBe(23);
    expect(storySearchPageExists({ match, page: 2, perPage: 20 })).toBe(true);
    expect(storySearchPageExists({ match, page: 3, perPage: 20 })).toBe(false);
  });

  it("never fails on anything typed: every parsed query is valid FTS5", () => {
    const hostile = [
      '"national guard',
      "NEAR(",
      "NEAR(a b, 3)",
      "a OR b NOT c AND",
      "title:guard",
      "{title}: x",
      "^x",
      "x*y*z*",
      "'\"';--",
      "(((",
      "\u0000\u0002\u0003",
      "Ω≈ç√∫˜µ≤≥÷",
      "👩‍👩‍👧 guard",
      "a".repeat(500),
      '"' + "b ".repeat(50) + '"',
      "e\u0301\u0301\u0301",
    ];
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = [
      '"',
      "*",
      "(",
      ")",
      ":",
      "^",
      "+",
      "-",
      " ",
      "a",
      "N",
      "E",
      "A",
      "R",
      "O",
      "{",
      "}",
      ",",
      "é",
      "\u0301",
    ];
    for (let i = 0; i < 500; i++) {
      hostile.push(
        Array.from({ length: 1 + Math.floor(rand() * 24) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(
          "",
        ),
      );
    }
    for (const raw of hostile) {
      const match = toMatchExpression(parseSearchQuery(raw));
      if (match === null) continue;
      expect(() => searchStories({ match, sort: "relevance", page: 1, perPage: 20 }), raw).not.toThrow();
      expect(() => searchComments({ match }), raw).not.toThrow();
      expect(() => searchUsers({ query: raw }), raw).not.toThrow();
    }
  });

  it("lets the FTS table drive the join and checks visibility on the covering index", () => {
    const plan = (
      client()
        .prepare(
          `explain query plan select 1 from articles_fts cross join articles v indexed by articles_visible_idx on v.id = articles_fts.rowid
           where articles_fts match ? and v.status = 'published' and v.published_at <= ?`,
        )
        .all('"guard"', Date.now()) as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan[0]).toMatch(/^SCAN articles_fts VIRTUAL TABLE/);
    expect(plan[1]).toMatch(/USING COVERING INDEX articles_visible_idx \(id=\?/);
    // The markup pass scans the matches once and filters the page's ids itself (no per-id MATCH).
    const markup = (
      client()
        .prepare(
          `explain query plan select articles_fts.rowid from articles_fts cross join articles a on a.id = articles_fts.rowid
           where articles_fts match ? and +articles_fts.rowid in (select value from json_each(?))`,
        )
        .all('"guard"', "[1,2]") as { detail: string }[]
    ).map((r) => r.detail);
    expect(markup[0]).toBe("SCAN articles_fts VIRTUAL TABLE INDEX 0:M3");
    expect(markup).toContain("LIST SUBQUERY 1");
  });
});

describe("staff search over comments and people", () => {
  function user(name: string) {
    const id = `search-user-${unique()}`;
    client().prepare("insert into users (id, name, email) values (?, ?, ?)").run(id, name, `${id}@example.test`);
    return id;
  }
  function comment(articleId: number, authorId: string | null, body: string, status = "approved") {
    return (
      client()
        .prepare("insert into comments (article_id, author_id, body, status) values (?, ?, ?, ?) returning id")
        .get(articleId, authorId, body, status) as { id: number }
    ).id;
  }
  const findComments = (raw: string) => searchComments({ match: matchOf(raw) }).items.map((i) => i.id);

  it("finds comments in any state by their words and their author's name, and follows edits, renames and deletions", () => {
    const story = addStory();
    const tag = `wibble${unique()}`;
    const author = user(`Harriet ${tag}`);
    const held = comment(story.id, author, "The ferry timetable is wrong again", "pending");
    const removed = comment(story.id, author, "Buy cheap watches", "rejected");
    const deleted = comment(story.id, author, "I take it back about the ferries");
    client().prepare("update comments set deleted_at = ? where id = ?").run(Date.now(), deleted);

    expect(findComments(`${tag} ferry`).sort()).toEqual([held, deleted].sort());
    expect(findComments(`harriet ${tag} watch`)).toEqual([removed]);
    expect(searchComments({ match: matchOf(`${tag} ferri`) }).items.find((i) => i.id === deleted)?.deleted).toBe(true);

    client().prepare("update comments set body = ? where id = ?").run("Lovely watches, honestly", held);
    expect(findComments(`${tag} timetable`)).toEqual([]);

    const renamed = `Quill${unique()}`;
    client().prepare("update users set name = ? where id = ?").run(renamed, author);
    expect(findComments(tag)).toEqual([]);
    expect(findComments(`${renamed} watches`).sort()).toEqual([held, removed].sort());

    // Deleting the account keeps the comments ("Deleted user"), without the name.
    client().prepare("delete from users where id = ?").run(author);
    expect(findComments(renamed)).toEqual([]);
    expect(findComments("lovely watches honestly")).toContain(held);

    client().prepare("delete from comments where id = ?").run(held);
    expect(findComments("lovely watches honestly")).not.toContain(held);
  });

  it("keeps the people index in step with sign-ups, renames, new emails and deletions", () => {
    const tag = `zebedee${unique()}`;
    const id = user(`Ottilie ${tag}`);
    const ids = (query: string) => searchUsers({ query }).users.map((u) => u.id);
    expect(ids(`otti ${tag}`)).toEqual([id]);
    client()
      .prepare("update users set name = ?, email = ? where id = ?")
      .run(`Agnes ${tag}`, `agnes.${tag}@news.test`, id);
    expect(ids(`ottilie ${tag}`)).toEqual([]);
    expect(ids(`agnes.${tag}@news.test`)).toEqual([id]);
    client().prepare("update users set status = 'suspended' where id = ?").run(id);
    expect(ids(tag)).toEqual([id]);
    client().prepare("delete from users where id = ?").run(id);
    expect(ids(tag)).toEqual([]);
  });
});

describe("the search migration", () => {
  it("builds the three indexes from the rows of a database that predates it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-search-migration-"));
    // The migrations as they were before search: the journal cut before 0005.
    const oldFolder = path.join(dir, "migrations");
    fs.cpSync(MIGRATIONS_FOLDER, oldFolder, { recursive: true });
    const journalFile = path.join(oldFolder, "meta", "_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < "0005");
    fs.writeFileSync(journalFile, JSON.stringify(journal));

    const sqlite = new Database(path.join(dir, "old.db"));
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: oldFolder });
    expect(sqlite.prepare("select count(*) as n from sqlite_master where name = 'articles_fts'").get()).toEqual({
      n: 0,
    });
    sqlite
      .prepare(
        `insert into articles (id, slug, title, dek, body, section, author, published_at, updated_at)
         values (1, 'old', 'Old troops story', 'Dek', 'Body', 'Politics', 'A', 1, 1)`,
      )
      .run();
    sqlite.prepare("insert into users (id, name, email) values ('u1', 'Marguerite Old', 'mo@example.test')").run();
    sqlite
      .prepare(
        "insert into comments (id, article_id, author_id, body, status) values (7, 1, 'u1', 'An old ferry comment', 'approved')",
      )
      .run();

    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    expect(sqlite.prepare("select rowid from articles_fts where articles_fts match '\"troop\"'").all()).toEqual([
      { rowid: 1 },
    ]);
    expect(
      sqlite.prepare('select rowid from comments_fts where comments_fts match \'"marguerite" "ferries"\'').all(),
    ).toEqual([{ rowid: 7 }]);
    expect(sqlite.prepare("select user_id from users_fts where users_fts match '\"mo\"*'").all()).toEqual([
      { user_id: "u1" },
    ]);
    sqlite.prepare("insert into articles_fts(articles_fts, rank) values ('integrity-check', 1)").run();
    sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
