"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { writeTransaction } from "@/db";
import { markLeadStory, removeArticleLeadImage } from "@/db/queries/article-media";
import { getStory } from "@/db/queries/stories";
import { requireCapability } from "@/app/_lib/guards";
import { revalidateArticle, revalidateFronts } from "@/app/_lib/revalidate";
import { formText } from "@/lib/form-state";

const SlugSchema = z.object({ slug: z.string().min(1).max(200) });

/**
 * Everything that shows a story's image or its place on the front: its page,
 * and every cached page (fronts, sections, other stories' "More in" cards all
 * carry the "articles" tag). Images and leads change a few times a day.
 */
function storyShown(slug: string): void {
  revalidateArticle(slug);
  revalidateFronts();
  revalidatePath(`/admin/articles/${slug}`);
}

/** `Remove image`: editors and admins (a writer replaces or keeps it through the editor). */
export async function removeLeadImage(formData: FormData): Promise<void> {
  await requireCapability("edit-any-story");
  const parsed = SlugSchema.safeParse({ slug: formText(formData, "slug") });
  if (!parsed.success) redirect("/admin/articles");
  const article = writeTransaction((db) => {
    const current = getStory({ slug: parsed.data.slug }, db);
    if (current?.image) removeArticleLeadImage({ articleId: current.id });
    return current;
  });
  if (!article) redirect("/admin/articles");
  storyShown(article.slug);
  redirect(`/admin/articles/${encodeURIComponent(article.slug)}?done=image-removed`);
}

/** `Make lead story`: this published story heads the front page from now on. */
export async function makeLeadStory(formData: FormData): Promise<void> {
  await requireCapability("edit-any-story");
  const parsed = SlugSchema.safeParse({ slug: formText(formData, "slug") });
  if (!parsed.success) redirect("/admin/articles");
  const article = writeTransaction((db) => {
    const current = getStory({ slug: parsed.data.slug }, db);
    if (current && current.status === "published") markLeadStory({ articleId: current.id, at: new Date() });
    return current;
  });
  if (!article) redirect("/admin/articles");
  if (article.status !== "published")
    redirect(`/admin/articles/${encodeURIComponent(article.slug)}?done=lead-unpublished`);
  storyShown(article.slug);
  redirect(`/admin/articles/${encodeURIComponent(article.slug)}?done=lead`);
}
