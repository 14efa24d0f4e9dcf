"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { writeTransaction } from "@/db";
import {
  getArticleMedia,
  markLeadStory,
  removeArticleLeadImage,
  setArticleLeadImage,
} from "@/db/queries/article-media";
import { requireCapability } from "@/app/_lib/guards";
import { revalidateArticle, revalidateFronts } from "@/app/_lib/revalidate";
import { acceptLeadImage } from "@/lib/image-store";
import { formText, type FormState } from "@/lib/form-state";

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

/**
 * `Save image` on /admin/articles/[slug] (the story editor's save will call
 * acceptLeadImage itself). A multipart form: works with JavaScript off.
 */
export async function saveLeadImage(_prev: FormState, formData: FormData): Promise<FormState> {
  await requireCapability("manage-sections");
  const values = {
    imageDescription: formText(formData, "imageDescription"),
    imageCredit: formText(formData, "imageCredit"),
  };
  const parsed = SlugSchema.safeParse({ slug: formText(formData, "slug") });
  const article = parsed.success ? getArticleMedia({ slug: parsed.data.slug }) : null;
  if (!article) return { ok: false, message: "That story no longer exists.", values };
  const accepted = await acceptLeadImage(formData);
  if (!accepted.ok) return { ok: false, message: "The image was not saved.", errors: accepted.errors, values };
  const saved = writeTransaction(() => {
    const current = getArticleMedia({ slug: article.slug });
    if (!current) return false;
    setArticleLeadImage({ articleId: current.id, image: accepted.image });
    return true;
  });
  if (!saved) return { ok: false, message: "That story no longer exists.", values };
  storyShown(article.slug);
  return { ok: true, message: "Image saved.", values, doneAt: Date.now() };
}

export async function removeLeadImage(formData: FormData): Promise<void> {
  await requireCapability("manage-sections");
  const parsed = SlugSchema.safeParse({ slug: formText(formData, "slug") });
  if (!parsed.success) redirect("/admin/articles");
  const article = writeTransaction(() => {
    const current = getArticleMedia({ slug: parsed.data.slug });
    if (current?.image) removeArticleLeadImage({ articleId: current.id });
    return current;
  });
  if (!article) redirect("/admin/articles");
  storyShown(article.slug);
  redirect(`/admin/articles/${encodeURIComponent(article.slug)}?done=image-removed`);
}

/** `Make lead story`: this published story heads the front page from now on. */
export async function makeLeadStory(formData: FormData): Promise<void> {
  await requireCapability("manage-sections");
  const parsed = SlugSchema.safeParse({ slug: formText(formData, "slug") });
  if (!parsed.success) redirect("/admin/articles");
  const article = writeTransaction(() => {
    const current = getArticleMedia({ slug: parsed.data.slug });
    if (current && current.status === "published") markLeadStory({ articleId: current.id, at: new Date() });
    return current;
  });
  if (!article) redirect("/admin/articles");
  if (article.status !== "published")
    redirect(`/admin/articles/${encodeURIComponent(article.slug)}?done=lead-unpublished`);
  storyShown(article.slug);
  redirect(`/admin/articles/${encodeURIComponent(article.slug)}?done=lead`);
}
