import "server-only";
import { and, count, desc, eq, like, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { articleRevisions, articles, articleSlugs } from "@/db/schema";
import { leadImageOf, type LeadImage } from "@/lib/images";
import type { ArticleStatus, StorySave } from "@/lib/vocabulary";

/**
 * The newsroom's reads and writes of stories (any state). The public pages
 * read published stories through db/queries/articles.ts; the scheduler's
 * publishing is in db/queries/story-publishing.ts.
 */

const storyColumns = {
  id: articles.id,
  slug: articles.slug,
  title: articles.title,
  dek: articles.dek,
  body: articles.body,
  section: articles.section,
  author: articles.author,
  authorId: articles.authorId,
  status: articles.status,
  publishedAt: articles.publishedAt,
  updatedAt: articles.updatedAt,
  publishAt: articles.publishAt,
  revisedAt: articles.revisedAt,
  correction: articles.correction,
  correctedAt: articles.correctedAt,
  version: articles.version,
  commentsOpen: articles.commentsOpen,
  leadAt: articles.leadAt,
  imageKey: articles.imageKey,
  imageWidth: articles.imageWidth,
  imageHeight: articles.imageHeight,
  imageDescription: articles.imageDescription,
  imageCredit: articles.imageCredit,
};

type StoryRow = {
  id: number;
  slug: string;
  title: string;
  dek: string;
  body: string;
  section: string;
  author: string;
  authorId: string | null;
  status: ArticleStatus;
  publishedAt: Date;
  updatedAt: Date;
  publishAt: Date | null;
  revisedAt: Date | null;
  correction: string | null;
  correctedAt: Date | null;
  version: number;
  commentsOpen: boolean;
  leadAt: Date | null;
  imageKey: string | null;
  imageWidth: number | null;
  imageHeight: number | null;
  imageDescription: string | null;
  imageCredit: string | null;
};

export type Story = Omit<StoryRow, "imageKey" | "imageWidth" | "imageHeight" | "imageDescription" | "imageCredit"> & {
  image: LeadImage | null;
};

function toStory(row: StoryRow): Story {
  const { imageKey, imageWidth, imageHeight, imageDescription, imageCredit, ...rest } = row;
  return { ...rest, image: leadImageOf({ imageKey, imageWidth, imageHeight, imageDescription, imageCredit }) };
}

/** One story by its slug, any state; `db` inside a write transaction. */
export function getStory({ slug }: { slug: string }, db: Db = getDb()): Story | null {
  const row = db.select(storyColumns).from(articles).where(eq(articles.slug, slug)).get();
  return row ? toStory(row) : null;
}

export type StoryListRow = Pick<
  Story,
  "id" | "slug" | "title" | "section" | "author" | "status" | "updatedAt" | "publishedAt" | "publishAt"
>;

/**
 * The newsroom's list: newest change first, by state, by headline or slug
 * words, and only the writer's own stories when `authorId` is given. Counts
 * per state are for the filter links (same author and search, any state).
 */
export function listStories({
  status,
  query,
  authorId,
  limit,
  offset,
}: {
  status?: ArticleStatus;
  query?: string;
  authorId?: string;
  limit: number;
  offset: number;
}): { stories: StoryListRow[]; total: number; counts: Record<ArticleStatus, number> } {
  const db = getDb();
  const scope: SQL[] = [];
  if (authorId) scope.push(eq(articles.authorId, authorId));
  const q = query?.trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    scope.push(or(sql`${articles.title} like ${pattern} escape '\\'`, like(articles.slug, pattern))!);
  }
  const where = and(...scope, ...(status ? [eq(articles.status, status)] : []));
  const stories = db
    .select({
      id: articles.id,
      slug: articles.slug,
      title: articles.title,
      section: articles.section,
      author: articles.author,
      status: articles.status,
      updatedAt: articles.updatedAt,
      publishedAt: articles.publishedAt,
      publishAt: articles.publishAt,
    })
    .from(articles)
    .where(where)
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(limit)
    .offset(offset)
    .all();
  const byState = db
    .select({ status: articles.status, n: count() })
    .from(articles)
    .where(and(...scope))
    .groupBy(articles.status)
    .all();
  const counts: Record<ArticleStatus, number> = { draft: 0, review: 0, scheduled: 0, published: 0 };
  for (const { status: s, n } of byState) counts[s] = n;
  const total = status ? counts[status] : Object.values(counts).reduce((a, b) => a + b, 0);
  return { stories, total, counts };
}

/** Whether a slug is free for this story: no other story has it now, or had it (a former slug redirects). */
export function slugIsFree(db: Db, slug: string, storyId: number | null): boolean {
  const current = db.select({ id: articles.id }).from(articles).where(eq(articles.slug, slug)).get();
  if (current && current.id !== storyId) return false;
  const former = db.select({ id: articleSlugs.articleId }).from(articleSlugs).where(eq(articleSlugs.slug, slug)).get();
  return !former || former.id === storyId;
}

/** What a save writes: the story's fields as the editor holds them. */
export type StoryFields = {
  slug: string;
  title: string;
  dek: string;
  body: string;
  section: string;
  author: string;
  status: ArticleStatus;
  commentsOpen: boolean;
  publishedAt: Date;
  publishAt: Date | null;
  revisedAt: Date | null;
  correction: string | null;
  correctedAt: Date | null;
  image: LeadImage | null;
};

export type Saver = { id: string | null; name: string };

function imageColumns(image: LeadImage | null) {
  return {
    imageKey: image?.key ?? null,
    imageWidth: image?.width ?? null,
    imageHeight: image?.height ?? null,
    imageDescription: image?.description ?? null,
    imageCredit: image?.credit ?? null,
  };
}

function storyColumnsOf(fields: StoryFields) {
  const { image, ...rest } = fields;
  return { ...rest, ...imageColumns(image) };
}

function keepRevision(
  db: Db,
  articleId: number,
  version: number,
  kind: StorySave,
  saver: Saver,
  now: Date,
  fields: StoryFields,
) {
  db.insert(articleRevisions)
    .values({
      articleId,
      version,
      kind,
      savedBy: saver.id,
      savedByName: saver.name,
      savedAt: now,
      status: fields.status,
      slug: fields.slug,
      title: fields.title,
      dek: fields.dek,
      body: fields.body,
      section: fields.section,
      author: fields.author,
      ...imageColumns(fields.image),
      correction: fields.correction,
      publishAt: fields.publishAt,
    })
    .run();
}

/** A new story, version 1, with its first revision. Call inside writeTransaction. */
export function insertStory(
  db: Db,
  {
    fields,
    authorId,
    kind,
    saver,
    now,
  }: { fields: StoryFields; authorId: string | null; kind: StorySave; saver: Saver; now: Date },
): number {
  const { id } = db
    .insert(articles)
    .values({ ...storyColumnsOf(fields), authorId, updatedAt: now, version: 1 })
    .returning({ id: articles.id })
    .get();
  keepRevision(db, id, 1, kind, saver, now, fields);
  return id;
}

/**
 * A save of an existing story: the next version and its revision. A slug
 * change on a story that has been public retires the old slug (it answers
 * 308 from then on); taking back a former slug removes it from that list.
 * Call inside writeTransaction, after the version check.
 */
export function updateStory(
  db: Db,
  {
    before,
    fields,
    kind,
    saver,
    now,
  }: { before: Story; fields: StoryFields; kind: StorySave; saver: Saver; now: Date },
): void {
  const version = before.version + 1;
  db.update(articles)
    .set({ ...storyColumnsOf(fields), updatedAt: now, version })
    .where(eq(articles.id, before.id))
    .run();
  if (fields.slug !== before.slug) {
    db.delete(articleSlugs).where(eq(articleSlugs.slug, fields.slug)).run();
    if (before.status === "published" || hasBeenPublic(db, before.id)) {
      db.insert(articleSlugs)
        .values({ slug: before.slug, articleId: before.id, retiredAt: now })
        .onConflictDoNothing()
        .run();
    }
  }
  keepRevision(db, before.id, version, kind, saver, now, fields);
}

/** Whether any revision of the story was public (its links may be out there). */
function hasBeenPublic(db: Db, articleId: number): boolean {
  return (
    db
      .select({ id: articleRevisions.id })
      .from(articleRevisions)
      .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.status, "published")))
      .limit(1)
      .get() !== undefined
  );
}

export type RevisionRow = {
  id: number;
  version: number;
  kind: StorySave;
  savedByName: string;
  savedAt: Date;
  status: ArticleStatus;
  title: string;
};

/** A story's revisions, newest first. */
export function listRevisions({ articleId }: { articleId: number }): RevisionRow[] {
  return getDb()
    .select({
      id: articleRevisions.id,
      version: articleRevisions.version,
      kind: articleRevisions.kind,
      savedByName: articleRevisions.savedByName,
      savedAt: articleRevisions.savedAt,
      status: articleRevisions.status,
      title: articleRevisions.title,
    })
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.id))
    .all();
}

/** The latest save: who and when, for the conflict message. */
export function latestRevision(db: Db, articleId: number): { savedByName: string; savedAt: Date } | null {
  return (
    db
      .select({ savedByName: articleRevisions.savedByName, savedAt: articleRevisions.savedAt })
      .from(articleRevisions)
      .where(eq(articleRevisions.articleId, articleId))
      .orderBy(desc(articleRevisions.id))
      .limit(1)
      .get() ?? null
  );
}

/** One revision's content, for Restore; null if it is not this story's. */
export function getRevisionContent(
  db: Db,
  { articleId, revisionId }: { articleId: number; revisionId: number },
): Pick<StoryFields, "title" | "dek" | "body" | "section" | "author" | "image"> | null {
  const row = db
    .select()
    .from(articleRevisions)
    .where(and(eq(articleRevisions.id, revisionId), eq(articleRevisions.articleId, articleId)))
    .get();
  if (!row) return null;
  return {
    title: row.title,
    dek: row.dek,
    body: row.body,
    section: row.section,
    author: row.author,
    image: leadImageOf(row),
  };
}

/**
 * Publishes every scheduled story whose time has come: its publication time
 * becomes the scheduled one, with a revision saved by "Scheduler". In one
 * write transaction that re-reads each row, so two processes (or two ticks)
 * publish a story once. Returns what was published, for cache expiry.
 */
export function publishDueStories(db: Db, now: Date): { slug: string; section: string }[] {
  const due = db
    .select({ slug: articles.slug })
    .from(articles)
    .where(and(eq(articles.status, "scheduled"), sql`${articles.publishAt} <= ${now.getTime()}`))
    .all();
  const published: { slug: string; section: string }[] = [];
  for (const { slug } of due) {
    const before = getStory({ slug }, db);
    if (!before || before.status !== "scheduled" || !before.publishAt) continue;
    const { image, ...rest } = before;
    const fields: StoryFields = {
      slug: rest.slug,
      title: rest.title,
      dek: rest.dek,
      body: rest.body,
      section: rest.section,
      author: rest.author,
      commentsOpen: rest.commentsOpen,
      correction: rest.correction,
      correctedAt: rest.correctedAt,
      revisedAt: null,
      image,
      status: "published",
      publishedAt: before.publishAt,
      publishAt: null,
    };
    updateStory(db, { before, fields, kind: "auto-publish", saver: { id: null, name: "Scheduler" }, now });
    published.push({ slug: before.slug, section: before.section });
  }
  return published;
}
