import { describe, expect, it } from "vitest";
import { ROLES, type ArticleStatus, type Role } from "./vocabulary";
import {
  CAPABILITIES,
  STORY_ACTIONS,
  can,
  canActOnStory,
  reachesStaffArea,
  type Capability,
  type StoryAction,
} from "./roles";

const now = new Date("2026-12-02T12:00:00Z");
const later = new Date("2026-12-03T12:00:00Z");
const earlier = new Date("2026-12-01T12:00:00Z");
const person = (role: Role, status: "active" | "suspended" | "banned" = "active", until: Date | null = null) => ({
  id: `${role}-1`,
  role,
  status,
  suspendedUntil: until,
});

/** The whole table, written out once: which role holds which capability. */
const EXPECTED: Record<Role, Capability[]> = {
  reader: [],
  writer: ["write-stories"],
  moderator: ["moderate"],
  editor: ["moderate", "write-stories", "edit-any-story", "manage-sections"],
  admin: ["moderate", "administer", "write-stories", "edit-any-story", "manage-sections"],
};

describe("can: every role × capability", () => {
  for (const role of ROLES) {
    for (const capability of CAPABILITIES) {
      const expected = EXPECTED[role].includes(capability);
      it(`${role} ${expected ? "may" : "may not"} ${capability}`, () => {
        expect(can(person(role), capability, now)).toBe(expected);
      });
    }
  }

  it("gives nothing to nobody", () => {
    for (const capability of CAPABILITIES) expect(can(null, capability, now)).toBe(false);
  });

  it("drops every power while banned or suspended, and gives them back when a suspension ends", () => {
    expect(can(person("admin", "banned"), "moderate", now)).toBe(false);
    expect(can(person("editor", "suspended", later), "edit-any-story", now)).toBe(false);
    expect(can(person("writer", "suspended", null), "write-stories", now)).toBe(false);
    expect(can(person("moderator", "suspended", earlier), "moderate", now)).toBe(true);
  });
});

describe("reachesStaffArea", () => {
  it("admits those who moderate or write, nobody else", () => {
    expect(ROLES.filter((r) => reachesStaffArea(person(r), now))).toEqual(["writer", "moderator", "editor", "admin"]);
    expect(reachesStaffArea(person("writer", "banned"), now)).toBe(false);
    expect(reachesStaffArea(null, now)).toBe(false);
  });
});

/**
 * Every role × story action × (new story, own story in each state, someone
 * else's story in each state). Writers: their own draft or in-review story
 * only; editors and admins: any story, by its state.
 */
describe("canActOnStory: every role × action × story", () => {
  const STATES: ArticleStatus[] = ["draft", "review", "scheduled", "published"];
  const editorRule = (action: StoryAction, status: ArticleStatus | "new"): boolean => {
    if (status === "new") return ["save-draft", "publish", "schedule"].includes(action);
    if (action === "update" || action === "unpublish" || action === "make-lead") return status === "published";
    return action !== "submit";
  };
  const writerRule = (action: StoryAction, status: ArticleStatus | "new", own: boolean): boolean => {
    if (status === "new") return action === "save-draft" || action === "submit";
    if (!own) return false;
    if (action === "view") return true;
    return (status === "draft" || status === "review") && (action === "save-draft" || action === "submit");
  };
  const expected = (role: Role, action: StoryAction, status: ArticleStatus | "new", own: boolean): boolean => {
    if (role === "editor" || role === "admin") return editorRule(action, status);
    if (role === "writer") return writerRule(action, status, own);
    return false;
  };

  for (const role of ROLES) {
    for (const action of STORY_ACTIONS) {
      it(`${role} on a new story: ${action}`, () => {
        expect(canActOnStory(person(role), action, null, now)).toBe(expected(role, action, "new", true));
      });
      for (const status of STATES) {
        for (const own of [true, false]) {
          const story = { authorId: own ? `${role}-1` : "someone-else", status };
          it(`${role} on ${own ? "their own" : "another's"} ${status} story: ${action}`, () => {
            expect(canActOnStory(person(role), action, story, now)).toBe(expected(role, action, status, own));
          });
        }
      }
    }
  }

  it("refuses a writer who is suspended, even on their own draft", () => {
    const story = { authorId: "writer-1", status: "draft" as const };
    expect(canActOnStory(person("writer", "suspended", later), "save-draft", story, now)).toBe(false);
    expect(canActOnStory(null, "view", story, now)).toBe(false);
  });
});
