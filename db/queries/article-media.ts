import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { articles } from "@/db/schema";
import { leadImageOf, type LeadImage } from "@/lib/images";

export type ArticleMedia = {
  id: number;
  slug: string;
  title: string;
  section: string;
  status: string;
  leadAt: Date | null;
  image: LeadImage | null;
};

/** An article's lead image and lead-story mark, any state (staff pages and actions). */
export function getArticleMedia({ slug }: { slug: string }): ArticleMedia | null {
  const row = getDb()
    .select({
      id: articles.id,
      slug: articles.slug,
      title: articles.title,
      section: articles.section,
      status: articles.status,
      leadAt: articles.leadAt,
      imageKey: articles.imageKey,
      imageWidth: articles.imageWidth,
      imageHeight: articles.imageHeight,
      imageDescription: articles.imageDescription,
      imageCredit: articles.imageCredit,
    })
    .from(articles)
    .where(eq(articles.slug, slug))
    .get();
  if (!row) return null;
  const { imageKey, imageWidth, imageHeight, imageDescription, imageCredit, ...rest } = row;
  return { ...rest, image: leadImageOf({ imageKey, imageWidth, imageHeight, imageDescription, imageCredit }) };
}

// The writes below run inside the action's writeTransaction.

export function removeArticleLeadImage({ articleId }: { articleId: number }): void {
  getDb()
    .update(articles)
    .set({ imageKey: null, imageWidth: null, imageHeight: null, imageDescription: null, imageCredit: null })
    .where(eq(articles.id, articleId))
    .run();
}

/** Marks the story as the front page's lead from now on (the latest mark leads). */
export function markLeadStory({ articleId, at }: { articleId: number; at: Date }): void {
  getDb().update(articles).set({ leadAt: at }).where(eq(articles.id, articleId)).run();
}
