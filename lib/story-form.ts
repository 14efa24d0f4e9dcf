/**
 * The story editor's form: what each field accepts, and what each button
 * asks for. Pure: the action (app/admin/articles/story-actions.ts) adds what
 * needs the database (the section list, a free slug, permissions).
 */
import { z } from "zod";
import { canActOnStory, type StoryAction, type StoryOwnership } from "./roles";
import { slugify } from "./slug";

/** What the editor's buttons ask for (`name="intent"`). */
export const STORY_INTENTS = ["draft", "submit", "publish", "schedule", "update", "unpublish", "preview"] as const;
export type StoryIntent = (typeof STORY_INTENTS)[number];

/** Slugs that are pages of the editor, never a story's. */
const RESERVED_SLUGS = new Set(["new"]);
export const SLUG_MAX = 120;

/** The slug a story gets: the typed one, else one derived from the headline. */
export function storySlug(typedSlug: string, headline: string): string {
  return (typedSlug.trim() ? slugify(typedSlug) : slugify(headline)).slice(0, SLUG_MAX).replace(/-+$/, "");
}

/**
 * `Publish at` comes from a `datetime-local` input, which has no zone; the
 * editor says it is UTC (the site's one time zone, lib/dates.ts), so it is
 * read as UTC. Null when it is not a date.
 */
export function parsePublishAt(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)));
  // Date.UTC rolls 2026-02-30 over into March: refuse instead.
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  return date;
}

/** The value a `datetime-local` input shows for a time (UTC, to the minute). */
export function publishAtInputValue(date: Date): string {
  return date.toISOString().slice(0, 16);
}

const text = (max: number, tooLong: string) => z.string().trim().max(max, tooLong);

export const StoryFormSchema = z
  .object({
    intent: z.enum(STORY_INTENTS, "Choose what to do with the story."),
    headline: text(200, "Keep the headline under 200 characters.").min(1, "Write a headline."),
    standfirst: text(400, "Keep the standfirst under 400 characters."),
    byline: text(100, "Keep the byline under 100 characters.").min(1, "Say who wrote the story."),
    slug: z.string().trim().max(SLUG_MAX, `Keep the slug under ${SLUG_MAX} characters.`),
    section: z.string().trim().min(1, "Choose a section."),
    body: z.string().max(200_000, "The story is too long: keep it under 200,000 characters."),
    correction: text(1000, "Keep the correction under 1,000 characters."),
    publishAt: z.string().trim(),
    version: z.coerce.number().int().min(0),
  })
  .superRefine((form, ctx) => {
    const slug = storySlug(form.slug, form.headline);
    if (form.headline && !slug) {
      ctx.addIssue({ code: "custom", path: ["slug"], message: "Give the story a slug of letters and numbers." });
    } else if (RESERVED_SLUGS.has(slug)) {
      ctx.addIssue({ code: "custom", path: ["slug"], message: `“${slug}” is reserved. Choose another slug.` });
    }
    // A draft may be empty; anything readers will see needs a body.
    const goesOut = form.intent === "publish" || form.intent === "schedule" || form.intent === "update";
    if ((goesOut || form.intent === "submit") && !form.body.trim()) {
      ctx.addIssue({ code: "custom", path: ["body"], message: "Write the story before it goes out." });
    }
    if (form.intent === "schedule") {
      if (!form.publishAt) {
        ctx.addIssue({ code: "custom", path: ["publishAt"], message: "Choose when to publish." });
      } else if (!parsePublishAt(form.publishAt)) {
        ctx.addIssue({ code: "custom", path: ["publishAt"], message: "Give the date and time as YYYY-MM-DD HH:MM." });
      }
    }
  });

/** The form's text fields, as typed, for handing back on a refusal. */
export const STORY_TEXT_FIELDS = [
  "headline",
  "standfirst",
  "byline",
  "slug",
  "section",
  "body",
  "correction",
  "publishAt",
  "imageDescription",
  "imageCredit",
] as const;

/**
 * The story's comment setting, a checkbox (`comments=open` when ticked) that
 * the editor shows until the story is live. From then on closing and
 * reopening comments is a moderation decision, logged with its reason
 * (`setCommentsOpen`), and a save keeps whatever it is.
 */
export const COMMENTS_FIELD = "comments";

/** Whether a save leaves comments open: the checkbox before the story is live, the story's own setting after. */
export function commentsOpenOfSave(formData: FormData, before: { status: string; commentsOpen: boolean } | null) {
  if (before?.status === "published") return before.commentsOpen;
  return formData.get(COMMENTS_FIELD) === "open";
}

/** What a successful save says (`role="status"`), by intent. */
export const SAVE_MESSAGES = {
  draft: "Draft saved.",
  submit: "Submitted for review.",
  publish: "Published.",
  schedule: "Scheduled.",
  update: "Updated.",
  unpublish: "Unpublished.",
  restore: "Revision restored.",
} as const;

/** The conflict refusal, exactly as the newsroom contract words it. */
export function conflictMessage(name: string, when: string): string {
  return `This story was changed by ${name} at ${when} since you opened it.`;
}

/** The editor's buttons for this person and story: the same rule the action applies (lib/roles.ts). */
export function editorButtons(
  viewer: Parameters<typeof canActOnStory>[0],
  story: StoryOwnership | null,
  now: Date = new Date(),
) {
  const may = (action: StoryAction) => canActOnStory(viewer, action, story, now);
  const live = story?.status === "published";
  return {
    saveDraft: !live && may("save-draft"),
    submit: !live && may("submit"),
    publish: !live && may("publish"),
    schedule: !live && may("schedule"),
    update: live && may("update"),
    unpublish: live && may("unpublish"),
  };
}
