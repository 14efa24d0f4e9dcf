"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { writeTransaction } from "@/db";
import { PREMOD_MODES } from "@/lib/vocabulary";
import { getArticleForAdmin, setArticleCommentsOpen, setArticlePremodOverride } from "@/db/queries/article-admin";
import { appendModerationLog } from "@/db/queries/moderation-log";
import { requireCapability } from "@/app/_lib/guards";
import { revalidateArticle } from "@/app/_lib/revalidate";
import { canChangeSettings, canCloseComments } from "@/lib/moderation-permissions";
import { formText, type FormState } from "@/lib/form-state";

const SetCommentsOpenSchema = z.object({
  slug: z.string().min(1).max(200),
  open: z.enum(["true", "false"]).transform((v) => v === "true"),
  reason: z.string().trim().max(500).optional(),
});

const SetArticlePremodSchema = z.object({
  slug: z.string().min(1).max(200),
  mode: z.enum(["site", ...PREMOD_MODES], { error: "Choose a mode." }),
});

/** Close or open an article's comments (moderators and admins). Works as a plain form. */
export async function setCommentsOpen(formData: FormData): Promise<void> {
  const viewer = await requireCapability("moderate");
  if (!canCloseComments(viewer)) redirect("/admin");
  const parsed = SetCommentsOpenSchema.safeParse({
    slug: formText(formData, "slug"),
    open: formText(formData, "open"),
    reason: formText(formData, "reason"),
  });
  if (!parsed.success) redirect("/admin/articles");
  const { slug, open, reason } = parsed.data;
  const changed = writeTransaction(() => {
    const article = getArticleForAdmin({ slug });
    if (!article || article.commentsOpen === open) return false;
    setArticleCommentsOpen({ articleId: article.id, open });
    appendModerationLog({
      actor: { id: viewer.id, name: viewer.name },
      action: open ? "open-comments" : "close-comments",
      targetType: "article",
      targetId: article.id,
      targetLabel: article.title,
      reason: reason || null,
    });
    return true;
  });
  if (changed) revalidateArticle(slug);
  revalidatePath(`/admin/articles/${slug}`);
  revalidatePath("/admin/articles");
  redirect(`/admin/articles/${encodeURIComponent(slug)}?done=${open ? "opened" : "closed"}`);
}

const MODE_LABELS = { site: "the site setting", off: "off", new: "new readers", all: "everyone" } as const;

/** Per-article pre-moderation (admins: it is a rule, like the site settings). */
export async function setArticlePremod(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireCapability("administer");
  if (!canChangeSettings(viewer)) return { ok: false, message: "Only admins change pre-moderation." };
  const parsed = SetArticlePremodSchema.safeParse({
    slug: formText(formData, "slug"),
    mode: formText(formData, "mode"),
  });
  if (!parsed.success) return { ok: false, message: "Choose a mode." };
  const { slug, mode } = parsed.data;
  const result = writeTransaction(() => {
    const article = getArticleForAdmin({ slug });
    if (!article) return null;
    const next = mode === "site" ? null : mode;
    if (article.premodOverride !== next) {
      setArticlePremodOverride({ articleId: article.id, mode: next });
      appendModerationLog({
        actor: { id: viewer.id, name: viewer.name },
        action: "article-premod",
        targetType: "article",
        targetId: article.id,
        targetLabel: article.title,
        reason: `pre-moderation: ${MODE_LABELS[mode]}`,
      });
    }
    return article;
  });
  if (!result) return { ok: false, message: "That article no longer exists." };
  revalidatePath(`/admin/articles/${slug}`);
  return { ok: true, message: `Pre-moderation on this article: ${MODE_LABELS[mode]}.` };
}
