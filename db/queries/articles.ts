import "server-only";
import { and, desc, eq, isNotNull, lte, ne, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { articles } from "@/db/schema";
import { leadImageOf, type LeadImage } from "@/lib/images";

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
  image: LeadImage | null;
};

export type ArticleDetail = ArticleSummary & {
  body: string;
  updatedAt: Date;
  /** Changed after publishing ("Updated"), and an editor's correction with its date. */
  revisedAt: Date | null;
  correction: string | null;
  correctedAt: Date | null;
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
  imageKey: articles.imageKey,
  imageWidth: articles.imageWidth,
  imageHeight: articles.imageHeight,
  imageDescription: articles.imageDescription,
  imageCredit: articles.imageCredit,
};

type SummaryRow = {
  [K in keyof typeof summaryColumns]: (typeof summaryColumns)[K]["_"]["notNull"] extends true
    ? (typeof summaryColumns)[K]["_"]["data"]
    : (typeof summaryColumns)[K]["_"]["data"] | null;
};

/** A row of summaryColumns (plus anything else selected) with its image columns folded into `image`. */
function withImage<T extends SummaryRow>(row: T): Omit<T, keyof ImageColumns> & { image: LeadImage | null } {
  const { imageKey, imageWidth, imageHeight, imageDescription, imageCredit, ...rest } = row;
  return { ...rest, image: leadImageOf({ imageKey, imageWidth, imageHeight, imageDescription, imageCredit }) };
}
type ImageColumns = Pick<SummaryRow, "imageKey" | "imageWidth" | "imageHeight" | "imageDescription" | "imageCredit">;

const published = eq(articles.status, "published");

const detailColumns = {
  ...summaryColumns,
  body: articles.body,
  updatedAt: articles.updatedAt,
  revisedAt: articles.revisedAt,
  correction: articles.correction,
  correctedAt: articles.correctedAt,
  commentsOpen: articles.commentsOpen,
};

export async function getArticleBySlug({ slug }: { slug: string }): Promise<ArticleDetail | null> {
  const row = getDb()
    .select(detailColumns)
    .from(articles)
    .where(and(eq(articles.slug, slug), published))
    .get();
  return row ? withImage(row) : null;
}

/**
 * A story the newsroom may preview (any state): the same shape the article
 * page renders. Who may see it is the preview route's to decide.
 */
export async function getStoryForPreview({ slug }: { slug: string }): Promise<ArticleDetail | null> {
  const row = getDb().select(detailColumns).from(articles).where(eq(articles.slug, slug)).get();
  return row ? withImage(row) : null;
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
    .all()
    .map(withImage);
}

/**
 * The front page's lead: the published story an editor most recently made lead
 * (`Make lead story`), or null when none is (the front then leads with the newest).
 */
export async function getLeadArticle({ now = new Date() }: { now?: Date } = {}): Promise<ArticleSummary | null> {
  const row = getDb()
    .select(summaryColumns)
    .from(articles)
    .where(and(isNotNull(articles.leadAt), published, lte(articles.publishedAt, now)))
    .orderBy(desc(articles.leadAt))
    .limit(1)
    .get();
  return row ? withImage(row) : null;
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
    .all()
    .map(withImage);
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
    .all()
    .map(withImage);
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
    .all()
    .map(withImage);
}

export async function listArticlesForSitemap(): Promise<{ slug: string; section: string; updatedAt: Date }[]> {
  return getDb()
    .select({ slug: articles.slug, section: articles.section, updatedAt: articles.updatedAt })
    .from(articles)
    .where(published)
    .orderBy(desc(articles.publishedAt))
    .all();
}
