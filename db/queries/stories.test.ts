import { describe, expect, it } from "vitest";
import { getDb, writeTransaction } from "@/db";
import {
  getStory,
  insertStory,
  listRevisions,
  publishDueStories,
  slugIsFree,
  updateStory,
  type StoryFields,
} from "./stories";

const saver = { id: null, name: "Test Editor" };
let n = 0;

function fields(overrides: Partial<StoryFields> = {}): StoryFields {
  n += 1;
  return {
    slug: `unit-story-${Date.now()}-${n}`,
    title: "Harbour works",
    dek: "Standfirst",
    body: "Body",
    section: "Politics",
    author: "A Writer",
    status: "draft",
    commentsOpen: true,
    publishedAt: new Date("2026-12-01T10:00:00Z"),
    publishAt: null,
    revisedAt: null,
    correction: null,
    correctedAt: null,
    image: null,
    ...overrides,
  };
}

function create(overrides: Partial<StoryFields> = {}) {
  const f = fields(overrides);
  writeTransaction((db) => insertStory(db, { fields: f, authorId: null, kind: "draft", saver, now: new Date() }));
  return getStory({ slug: f.slug })!;
}

describe("story saves", () => {
  it("each save is the next version with one revision", () => {
    const story = create();
    expect(story.version).toBe(1);
    writeTransaction((db) =>
      updateStory(db, {
        before: story,
        fields: { ...fields({ slug: story.slug }), body: "Second" },
        kind: "draft",
        saver,
        now: new Date(),
      }),
    );
    const after = getStory({ slug: story.slug })!;
    expect(after.version).toBe(2);
    expect(after.body).toBe("Second");
    expect(listRevisions({ articleId: story.id }).map((r) => r.version)).toEqual([2, 1]);
  });

  it("a published story's old slug is retired (redirects) and cannot be taken by another story; taking it back frees it", () => {
    const story = create({ status: "published" });
    const renamed = `${story.slug}-renamed`;
    writeTransaction((db) =>
      updateStory(db, {
        before: story,
        fields: fields({ slug: renamed, status: "published" }),
        kind: "update",
        saver,
        now: new Date(),
      }),
    );
    const db = getDb();
    expect(slugIsFree(db, story.slug, null)).toBe(false);
    const current = getStory({ slug: renamed })!;
    expect(slugIsFree(db, story.slug, current.id)).toBe(true);
    writeTransaction((tx) =>
      updateStory(tx, {
        before: current,
        fields: fields({ slug: story.slug, status: "published" }),
        kind: "update",
        saver,
        now: new Date(),
      }),
    );
    expect(getStory({ slug: story.slug })?.id).toBe(story.id);
    const row = db.$client.prepare("select slug from article_slugs where article_id = ? order by slug").all(story.id);
    expect(row).toEqual([{ slug: renamed }]);
  });

  it("a draft's slug change leaves no redirect behind", () => {
    const story = create();
    writeTransaction((db) =>
      updateStory(db, {
        before: story,
        fields: fields({ slug: `${story.slug}-x` }),
        kind: "draft",
        saver,
        now: new Date(),
      }),
    );
    expect(slugIsFree(getDb(), story.slug, null)).toBe(true);
  });
});

describe("publishDueStories", () => {
  it("publishes a due scheduled story once, at its scheduled time, with a Scheduler revision", () => {
    const at = new Date("2026-12-03T09:00:00Z");
    const due = create({ status: "scheduled", publishAt: at, publishedAt: at });
    const later = create({ status: "scheduled", publishAt: new Date("2099-01-01T00:00:00Z") });
    const now = new Date("2026-12-03T09:00:30Z");
    const first = writeTransaction((db) => publishDueStories(db, now));
    const second = writeTransaction((db) => publishDueStories(db, now));
    expect(first.map((s) => s.slug)).toContain(due.slug);
    expect(first.map((s) => s.slug)).not.toContain(later.slug);
    expect(second.map((s) => s.slug)).not.toContain(due.slug);
    const published = getStory({ slug: due.slug })!;
    expect(published).toMatchObject({ status: "published", publishAt: null, version: 2 });
    expect(published.publishedAt).toEqual(at);
    expect(listRevisions({ articleId: due.id })[0]).toMatchObject({ kind: "auto-publish", savedByName: "Scheduler" });
    expect(getStory({ slug: later.slug })!.status).toBe("scheduled");
  });
});
