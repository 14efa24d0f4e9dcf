import "server-only";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { articles } from "@/db/schema";

/** What a list of stories shows: no bodies. */
export type ArticleSummary = {
  id: number;
  slug: string;
  title: string;
  dek: string;
  section: string;
  author: string;
  publishedAt: Date;
  commentCount: number;
};

export type ArticleDetail = ArticleSummary & {
  body: string;
  updatedAt: Date;
  commentsOpen: boolean;
};

const summaryColumns = {
  id: articles.id,
  slug: articles.slug,
  title: articles.title,
  dek: articles.dek,
  section: articles.section,
  author: articles.author,
  publishedAt: articles.publishedAt,
  commentCount: articles.commentCount,
};

const published = eq(articles.status, "published");

export async function getArticleBySlug({ slug }: { slug: string }): Promise<ArticleDetail | null> {
  const row = getDb()
    .select({
      ...summaryColumns,
      body: articles.body,
      updatedAt: articles.updatedAt,
      commentsOpen: articles.commentsOpen,
    })
    .from(articles)
    .where(and(eq(articles.slug, slug), published))
    .get();
  return row ?? null;
}

export async function listLatestArticles({
  limit,
  offset = 0,
}: {
  limit: number;
  offset?: number;
}): Promise<ArticleSummary[]> {
  return getDb()
    .select(summaryColumns)
    .from(articles)
    .where(published)
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
    .offset(offset)
    .all();
}

export type SectionPage = { items: ArticleSummary[]; total: number; page: number; pageCount: number };

/** One page of a section front, newest first. */
export async function listSectionArticles({
  section,
  page,
  perPage,
}: {
  section: string;
  page: number;
  perPage: number;
}): Promise<SectionPage> {
  const db = getDb();
  const where = and(eq(articles.section, section), published);
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(articles)
      .where(where)
      .get()?.n ?? 0;
  const items = db
    .select(summaryColumns)
    .from(articles)
    .where(where)
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(perPage)
    .offset((page - 1) * perPage)
    .all();
  return { items, total, page, pageCount: Math.max(1, Math.ceil(total / perPage)) };
}

/** Sections that have at least one published story, with their counts. */
export async function listSections(): Promise<{ section: string; count: number }[]> {
  return getDb()
    .select({ section: articles.section, count: sql<number>`count(*)` })
    .from(articles)
    .where(published)
    .groupBy(articles.section)
    .orderBy(articles.section)
    .all();
}

/** Newest other stories from the same section ("More in …"). */
export async function listRelatedArticles({
  section,
  excludeId,
  limit,
}: {
  section: string;
  excludeId: number;
  limit: number;
}): Promise<ArticleSummary[]> {
  return getDb()
    .select(summaryColumns)
    .from(articles)
    .where(and(eq(articles.section, section), published, ne(articles.id, excludeId)))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
    .all();
}

export async function listArticlesForFeed({
  limit,
}: {
  limit: number;
}): Promise<(ArticleSummary & { body: string; updatedAt: Date })[]> {
  return getDb()
    .select({ ...summaryColumns, body: articles.body, updatedAt: articles.updatedAt })
    .from(articles)
    .where(published)
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
    .all();
}

export async function listArticlesForSitemap(): Promise<{ slug: string; section: string; updatedAt: Date }[]> {
  return getDb()
    .select({ slug: articles.slug, section: articles.section, updatedAt: articles.updatedAt })
    .from(articles)
    .where(published)
    .orderBy(desc(articles.publishedAt))
    .all();
}
