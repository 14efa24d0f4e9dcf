import type { ArticleStatus, Role } from "@/lib/vocabulary";
import type { Viewer } from "@/lib/viewer";

/**
 * Who may do what, in one place. Roles are not a ladder: a writer drafts
 * stories but has no moderation powers, a moderator moderates but writes no
 * stories, an editor does both and runs the newsroom, an admin does
 * everything. Pages use these to show a control; every action uses them
 * again to authorise, so the two never disagree.
 */
export const CAPABILITIES = [
  /** Comments, queues, closing threads, suspending readers, the moderation log. */
  "moderate",
  /** Banning, roles, site settings, per-article pre-moderation. */
  "administer",
  /** Drafting stories of one's own and submitting them for review. */
  "write-stories",
  /** Editing, publishing, scheduling, unpublishing and correcting any story; the lead story. */
  "edit-any-story",
  /** Adding, renaming, ordering and hiding sections. */
  "manage-sections",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const GRANTS: Record<Role, readonly Capability[]> = {
  reader: [],
  writer: ["write-stories"],
  moderator: ["moderate"],
  editor: ["moderate", "write-stories", "edit-any-story", "manage-sections"],
  admin: CAPABILITIES,
};

/** What the role grants, whatever the account's standing (for labels and rank checks). */
export function roleGrants(role: Role, capability: Capability): boolean {
  return GRANTS[role].includes(capability);
}

type Standing = Pick<Viewer, "role" | "status" | "suspendedUntil">;

/**
 * Whether the viewer may do this now. A banned account, or one whose
 * suspension has not ended, keeps its role on record but has no powers until
 * lifted (or until the suspension runs out).
 */
export function can(viewer: Standing | null, capability: Capability, now: Date = new Date()): boolean {
  if (!viewer || viewer.status === "banned") return false;
  if (viewer.status === "suspended" && (!viewer.suspendedUntil || viewer.suspendedUntil > now)) return false;
  return roleGrants(viewer.role, capability);
}

/** The staff area (/admin) is for anyone who moderates or writes; everyone else gets a 404. */
export function reachesStaffArea(viewer: Standing | null, now: Date = new Date()): boolean {
  return can(viewer, "moderate", now) || can(viewer, "write-stories", now);
}

/** What someone does to one story from the editor. */
export const STORY_ACTIONS = [
  "view",
  "save-draft",
  "submit",
  "publish",
  "schedule",
  "update",
  "unpublish",
  "restore",
  "make-lead",
] as const;
export type StoryAction = (typeof STORY_ACTIONS)[number];

export type StoryOwnership = { authorId: string | null; status: ArticleStatus };

/**
 * A writer works on their own stories until an editor schedules or publishes
 * them: they may save and submit a draft or a story in review, and read (not
 * change) their own scheduled or published ones. Editors and admins do
 * anything to any story. `story` null means a new story.
 */
export function canActOnStory(
  viewer: (Standing & { id: string }) | null,
  action: StoryAction,
  story: StoryOwnership | null,
  now: Date = new Date(),
): boolean {
  if (!viewer) return false;
  if (can(viewer, "edit-any-story", now)) {
    if (!story) return action === "save-draft" || action === "publish" || action === "schedule";
    if (action === "update" || action === "unpublish" || action === "make-lead") return story.status === "published";
    if (action === "submit") return false;
    return true;
  }
  if (!can(viewer, "write-stories", now)) return false;
  if (!story) return action === "save-draft" || action === "submit";
  if (story.authorId !== viewer.id) return false;
  if (action === "view") return true;
  const open = story.status === "draft" || story.status === "review";
  return open && (action === "save-draft" || action === "submit");
}

/** For "acts on" rules: moderators and editors act on readers and writers; admins on everyone but admins. */
export function staffRank(role: Role): number {
  return { reader: 0, writer: 0, moderator: 1, editor: 1, admin: 2 }[role];
}
