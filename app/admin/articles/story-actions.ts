"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { writeTransaction } from "@/db";
import { listAllSections } from "@/db/queries/sections";
import {
  getRevisionContent,
  getStory,
  insertStory,
  latestRevision,
  slugIsFree,
  updateStory,
  type Story,
  type StoryFields,
} from "@/db/queries/stories";
import { getViewer } from "@/app/_lib/guards";
import { revalidateStory } from "@/app/_lib/revalidate";
import { acceptLeadImage, LeadImageTextSchema } from "@/lib/image-store";
import type { LeadImage } from "@/lib/images";
import { fieldErrors, formText, type FieldErrors, type FormState } from "@/lib/form-state";
import { formatDateTime } from "@/lib/dates";
import { canActOnStory, type StoryAction } from "@/lib/roles";
import {
  COMMENTS_FIELD,
  commentsOpenOfSave,
  conflictMessage,
  parsePublishAt,
  STORY_TEXT_FIELDS,
  StoryFormSchema,
  storySlug,
  type StoryIntent,
} from "@/lib/story-form";
import type { StorySave } from "@/lib/vocabulary";

const SIGNED_OUT =
  "You were signed out, so the story was not saved. Your text is below: sign in again in another tab, then save.";
const NOT_ALLOWED = "You can't do that to this story. Nothing was saved.";
const GONE = "This story no longer exists. Your text is below: copy it before you leave.";

/** The permission each button needs (lib/roles.ts). */
const ACTION_OF: Record<StoryIntent, StoryAction> = {
  draft: "save-draft",
  submit: "submit",
  publish: "publish",
  schedule: "schedule",
  update: "update",
  unpublish: "unpublish",
  preview: "save-draft",
};

const refuse = (message: string, values: Record<string, string>, errors?: FieldErrors): FormState => ({
  ok: false,
  message,
  values,
  ...(errors ? { errors } : {}),
});

/**
 * The image the save keeps: a new upload (checked by content and stored), the
 * story's current one with the description and credit as typed, or none.
 */
async function imageOfSave(
  formData: FormData,
  current: LeadImage | null,
): Promise<{ ok: true; image: LeadImage | null } | { ok: false; errors: FieldErrors }> {
  const file = formData.get("image");
  if (file instanceof File && file.size > 0) {
    const accepted = await acceptLeadImage(formData);
    return accepted.ok ? { ok: true, image: accepted.image } : { ok: false, errors: accepted.errors };
  }
  if (!current) return { ok: true, image: null };
  const text = LeadImageTextSchema.safeParse({
    imageDescription: formText(formData, "imageDescription"),
    imageCredit: formText(formData, "imageCredit"),
  });
  if (!text.success) return { ok: false, errors: fieldErrors(text.error) };
  return {
    ok: true,
    image: { ...current, description: text.data.imageDescription, credit: text.data.imageCredit || null },
  };
}

/** The state, dates and correction a save leaves the story in, by button. */
function outcome(
  intent: StoryIntent,
  before: Story | null,
  typed: { correction: string; publishAt: Date | null },
  now: Date,
): Pick<StoryFields, "status" | "publishedAt" | "publishAt" | "revisedAt" | "correction" | "correctedAt"> {
  const kept = {
    publishedAt: before?.publishedAt ?? now,
    revisedAt: before?.revisedAt ?? null,
    correction: before?.correction ?? null,
    correctedAt: before?.correctedAt ?? null,
  };
  switch (intent) {
    case "draft":
    case "preview":
      // Saving keeps a story in review where it is; a scheduled one goes back to draft.
      return { ...kept, status: before?.status === "review" ? "review" : "draft", publishAt: null };
    case "submit":
      return { ...kept, status: "review", publishAt: null };
    case "publish":
      return { ...kept, status: "published", publishedAt: now, publishAt: null, revisedAt: null };
    case "schedule":
      return { ...kept, status: "scheduled", publishedAt: typed.publishAt!, publishAt: typed.publishAt };
    case "update": {
      const correction = typed.correction || null;
      const correctedAt = correction === kept.correction ? kept.correctedAt : correction ? now : null;
      return { ...kept, status: "published", publishAt: null, revisedAt: now, correction, correctedAt };
    }
    case "unpublish":
      return { ...kept, status: "draft", publishAt: null };
  }
}

const SAVE_KIND: Record<StoryIntent, StorySave> = {
  draft: "draft",
  preview: "draft",
  submit: "submit",
  publish: "publish",
  schedule: "schedule",
  update: "update",
  unpublish: "unpublish",
};

/**
 * Every button of the story editor. Re-reads the viewer and the story from
 * the database, decides with lib/roles.ts, and writes in one transaction
 * with the version check, so two saves of one version cannot both win.
 * Anything refused comes back with every typed value.
 */
export async function saveStory(_prev: FormState, formData: FormData): Promise<FormState> {
  const values: Record<string, string> = {};
  for (const key of STORY_TEXT_FIELDS) values[key] = formText(formData, key);
  values[COMMENTS_FIELD] = formText(formData, COMMENTS_FIELD);
  const viewer = await getViewer();
  if (!viewer) return refuse(SIGNED_OUT, values);

  const parsed = StoryFormSchema.safeParse({
    ...values,
    intent: formText(formData, "intent"),
    version: formText(formData, "version") || "0",
  });
  if (!parsed.success) return refuse("Check the story: some fields need attention.", values, fieldErrors(parsed.error));
  const form = parsed.data;
  const editing = formText(formData, "story");
  const now = new Date();

  const found = editing ? getStory({ slug: editing }) : null;
  if (editing && !found) return refuse(GONE, values);
  if (!canActOnStory(viewer, ACTION_OF[form.intent], found, now)) return refuse(NOT_ALLOWED, values);
  const draftish = form.intent === "draft" || form.intent === "submit" || form.intent === "preview";
  if (found?.status === "published" && draftish) {
    return refuse("This story is live: save changes with Update, or take it down with Unpublish.", values);
  }
  // A section from the list, or the one the story is already filed under (an imported story's).
  if (form.section !== found?.section && !listAllSections().some((s) => s.name === form.section)) {
    return refuse("Check the story: some fields need attention.", values, { section: "Choose a section." });
  }
  const publishAt = form.intent === "schedule" ? parsePublishAt(form.publishAt) : null;
  if (publishAt && publishAt <= now) {
    return refuse("Check the story: some fields need attention.", values, {
      publishAt: "Choose a time in the future.",
    });
  }
  const image = await imageOfSave(formData, found?.image ?? null);
  if (!image.ok) return refuse("The image was not saved. Check the image fields.", values, image.errors);

  const slug = storySlug(form.slug, form.headline);
  const result = writeTransaction((db): { ok: true; before: Story | null } | FormState => {
    const before = editing ? getStory({ slug: editing }, db) : null;
    if (editing && !before) return refuse(GONE, values);
    // Decided again on the row as it is now: the state may have changed since the first check.
    if (!canActOnStory(viewer, ACTION_OF[form.intent], before, now)) return refuse(NOT_ALLOWED, values);
    if (before && before.version !== form.version) {
      const last = latestRevision(db, before.id);
      return refuse(
        conflictMessage(last?.savedByName ?? "someone", formatDateTime(last?.savedAt ?? before.updatedAt)),
        values,
      );
    }
    if (!slugIsFree(db, slug, before?.id ?? null)) {
      return refuse("Check the story: some fields need attention.", values, {
        slug: "Another story uses that slug (now or before). Choose another.",
      });
    }
    const fields: StoryFields = {
      slug,
      title: form.headline,
      dek: form.standfirst,
      body: form.body,
      section: form.section,
      author: form.byline,
      commentsOpen: commentsOpenOfSave(formData, before),
      image: image.image,
      ...outcome(form.intent, before, { correction: form.correction, publishAt }, now),
    };
    const saver = { id: viewer.id, name: viewer.name };
    if (before) updateStory(db, { before, fields, kind: SAVE_KIND[form.intent], saver, now });
    else insertStory(db, { fields, authorId: viewer.id, kind: SAVE_KIND[form.intent], saver, now });
    return { ok: true, before };
  });
  if (!("before" in result)) return result;

  const { before } = result;
  const wasOrIsLive = before?.status === "published" || form.intent === "publish" || form.intent === "update";
  if (wasOrIsLive) revalidateStory({ slug, section: form.section }, before ?? undefined);
  revalidatePath("/admin/articles");
  if (form.intent === "preview") redirect(`/preview/articles/${encodeURIComponent(slug)}`);
  redirect(`/admin/articles/${encodeURIComponent(slug)}?done=${form.intent}`);
}

const RestoreSchema = z.object({
  story: z.string().min(1).max(200),
  revision: z.coerce.number().int().positive(),
});

/**
 * `Restore` on History: the revision's headline, standfirst, body, section,
 * byline and image become a new save (state and slug stay), live at once if
 * the story is published. Editors and admins only.
 */
export async function restoreRevision(formData: FormData): Promise<void> {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin");
  const parsed = RestoreSchema.safeParse({
    story: formText(formData, "story"),
    revision: formText(formData, "revision"),
  });
  if (!parsed.success) redirect("/admin/articles");
  const now = new Date();
  const restored = writeTransaction((db) => {
    const before = getStory({ slug: parsed.data.story }, db);
    if (!before || !canActOnStory(viewer, "restore", before, now)) return null;
    const content = getRevisionContent(db, { articleId: before.id, revisionId: parsed.data.revision });
    if (!content) return null;
    const fields: StoryFields = {
      slug: before.slug,
      status: before.status,
      commentsOpen: before.commentsOpen,
      publishedAt: before.publishedAt,
      publishAt: before.publishAt,
      revisedAt: before.status === "published" ? now : before.revisedAt,
      correction: before.correction,
      correctedAt: before.correctedAt,
      title: content.title,
      dek: content.dek,
      body: content.body,
      section: content.section,
      author: content.author,
      image: content.image,
    };
    updateStory(db, { before, fields, kind: "restore", saver: { id: viewer.id, name: viewer.name }, now });
    return { before, fields };
  });
  if (!restored) redirect(`/admin/articles/${encodeURIComponent(parsed.data.story)}/history?done=refused`);
  if (restored.before.status === "published") {
    revalidateStory({ slug: restored.fields.slug, section: restored.fields.section }, restored.before);
  }
  revalidatePath("/admin/articles");
  redirect(`/admin/articles/${encodeURIComponent(restored.fields.slug)}?done=restore`);
}
