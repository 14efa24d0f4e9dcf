import { describe, expect, it } from "vitest";
import {
  commentsOpenOfSave,
  conflictMessage,
  editorButtons,
  parsePublishAt,
  publishAtInputValue,
  StoryFormSchema,
  storySlug,
} from "./story-form";

const base = {
  intent: "draft",
  headline: "Harbour wall repairs begin",
  standfirst: "",
  byline: "A Writer",
  slug: "",
  section: "Politics",
  body: "",
  correction: "",
  publishAt: "",
  version: "3",
};

describe("the story form", () => {
  it("derives the slug from the headline unless one is typed", () => {
    expect(storySlug("", "Harbour wall: repairs begin!")).toBe("harbour-wall-repairs-begin");
    expect(storySlug("My Own Slug", "Anything")).toBe("my-own-slug");
  });

  it("reads Publish at as UTC and refuses impossible dates", () => {
    expect(parsePublishAt("2031-05-04T09:30")?.toISOString()).toBe("2031-05-04T09:30:00.000Z");
    expect(parsePublishAt("2031-02-30T09:30")).toBeNull();
    expect(parsePublishAt("tomorrow")).toBeNull();
    expect(publishAtInputValue(new Date("2031-05-04T09:30:00Z"))).toBe("2031-05-04T09:30");
  });

  it("lets a draft be empty but not a story that goes out", () => {
    expect(StoryFormSchema.safeParse(base).success).toBe(true);
    const out = StoryFormSchema.safeParse({ ...base, intent: "publish" });
    expect(out.success).toBe(false);
    expect(out.error?.issues[0]).toMatchObject({ path: ["body"], message: "Write the story before it goes out." });
  });

  it("refuses the reserved slug and a schedule without a time", () => {
    expect(StoryFormSchema.safeParse({ ...base, slug: "new" }).error?.issues[0]?.path).toEqual(["slug"]);
    const schedule = StoryFormSchema.safeParse({ ...base, intent: "schedule", body: "Text" });
    expect(schedule.error?.issues[0]).toMatchObject({ path: ["publishAt"], message: "Choose when to publish." });
  });

  it("words the conflict exactly as the contract does", () => {
    expect(conflictMessage("Ines Marr", "3 December 2026 at 17:40 UTC")).toBe(
      "This story was changed by Ines Marr at 3 December 2026 at 17:40 UTC since you opened it.",
    );
  });

  it("offers each person the buttons their role allows", () => {
    const writer = { id: "w", role: "writer" as const, status: "active" as const, suspendedUntil: null };
    const editor = { id: "e", role: "editor" as const, status: "active" as const, suspendedUntil: null };
    expect(editorButtons(writer, null)).toEqual({
      saveDraft: true,
      submit: true,
      publish: false,
      schedule: false,
      update: false,
      unpublish: false,
    });
    expect(editorButtons(editor, { authorId: "w", status: "published" })).toEqual({
      saveDraft: false,
      submit: false,
      publish: false,
      schedule: false,
      update: true,
      unpublish: true,
    });
  });

  it("takes the comment setting from the checkbox until the story is live, then keeps the story's own", () => {
    const ticked = new FormData();
    ticked.set("comments", "open");
    const unticked = new FormData();
    expect(commentsOpenOfSave(ticked, null)).toBe(true);
    expect(commentsOpenOfSave(unticked, null)).toBe(false);
    expect(commentsOpenOfSave(unticked, { status: "draft", commentsOpen: true })).toBe(false);
    expect(commentsOpenOfSave(ticked, { status: "scheduled", commentsOpen: false })).toBe(true);
    // Live: closing and reopening is the moderators' logged decision; a save changes neither way.
    expect(commentsOpenOfSave(unticked, { status: "published", commentsOpen: true })).toBe(true);
    expect(commentsOpenOfSave(ticked, { status: "published", commentsOpen: false })).toBe(false);
  });
});
