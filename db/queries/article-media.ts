import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { articles } from "@/db/schema";

/** Lead-image removal and the lead-story mark; a story's other fields are saved by db/queries/stories.ts. */

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
