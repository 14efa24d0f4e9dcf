import { describe, expect, it } from "vitest";
import {
  canBanUser,
  canChangeRole,
  canChangeSettings,
  canCloseComments,
  canLiftUser,
  canModerateComments,
  canSuspendUser,
  effectiveUserStatus,
  suspensionEnd,
} from "./moderation-permissions";

const reader = { id: "r", role: "reader" as const, status: "active" as const };
const otherReader = { id: "r2", role: "reader" as const, status: "active" as const };
const moderator = { id: "m", role: "moderator" as const, status: "active" as const };
const otherModerator = { id: "m2", role: "moderator" as const, status: "active" as const };
const admin = { id: "a", role: "admin" as const, status: "active" as const };
const otherAdmin = { id: "a2", role: "admin" as const, status: "active" as const };

describe("comment and settings permissions", () => {
  it("moderators and admins moderate comments and close threads; readers do not", () => {
    expect(canModerateComments(reader)).toBe(false);
    expect(canModerateComments(null)).toBe(false);
    expect(canModerateComments(moderator)).toBe(true);
    expect(canModerateComments(admin)).toBe(true);
    expect(canCloseComments(reader)).toBe(false);
    expect(canCloseComments(moderator)).toBe(true);
  });

  it("only admins change settings", () => {
    expect(canChangeSettings(reader)).toBe(false);
    expect(canChangeSettings(moderator)).toBe(false);
    expect(canChangeSettings(admin)).toBe(true);
  });
});

describe("suspend, ban, lift", () => {
  it("moderators suspend readers but not staff or themselves", () => {
    expect(canSuspendUser(moderator, reader)).toBe(true);
    expect(canSuspendUser(moderator, otherModerator)).toBe(false);
    expect(canSuspendUser(moderator, admin)).toBe(false);
    expect(canSuspendUser(moderator, moderator)).toBe(false);
    expect(canSuspendUser(reader, otherReader)).toBe(false);
  });

  it("admins suspend readers and moderators, never another admin", () => {
    expect(canSuspendUser(admin, reader)).toBe(true);
    expect(canSuspendUser(admin, moderator)).toBe(true);
    expect(canSuspendUser(admin, otherAdmin)).toBe(false);
    expect(canSuspendUser(admin, admin)).toBe(false);
  });

  it("only admins ban", () => {
    expect(canBanUser(moderator, reader)).toBe(false);
    expect(canBanUser(admin, reader)).toBe(true);
    expect(canBanUser(admin, { ...reader, status: "banned" })).toBe(false);
    expect(canBanUser(admin, otherAdmin)).toBe(false);
  });

  it("moderators lift suspensions, admins also lift bans", () => {
    const suspended = { ...reader, status: "suspended" as const };
    const banned = { ...reader, status: "banned" as const };
    expect(canLiftUser(moderator, suspended)).toBe(true);
    expect(canLiftUser(moderator, banned)).toBe(false);
    expect(canLiftUser(admin, banned)).toBe(true);
    expect(canLiftUser(admin, reader)).toBe(false);
    expect(canLiftUser(reader, suspended)).toBe(false);
  });
});

describe("roles and the last admin", () => {
  it("only admins change roles", () => {
    expect(canChangeRole(moderator, reader, "moderator", 1)).toBe(false);
    expect(canChangeRole(admin, reader, "moderator", 1)).toBe(true);
    expect(canChangeRole(admin, moderator, "admin", 1)).toBe(true);
    expect(canChangeRole(admin, moderator, "reader", 1)).toBe(true);
  });

  it("refuses a change to the role the user already has", () => {
    expect(canChangeRole(admin, reader, "reader", 2)).toBe(false);
  });

  it("the last admin cannot lose the role, even by their own hand", () => {
    expect(canChangeRole(admin, admin, "reader", 1)).toBe(false);
    expect(canChangeRole(admin, admin, "moderator", 1)).toBe(false);
    expect(canChangeRole(admin, admin, "reader", 2)).toBe(true);
    expect(canChangeRole(admin, otherAdmin, "reader", 2)).toBe(true);
  });

  it("a banned account gets no staff role", () => {
    expect(canChangeRole(admin, { ...reader, status: "banned" }, "moderator", 2)).toBe(false);
  });
});

describe("effective status", () => {
  const now = new Date("2026-03-01T00:00:00Z");
  it("an expired suspension counts as active", () => {
    expect(effectiveUserStatus({ status: "suspended", suspendedUntil: new Date(now.getTime() - 1) }, now)).toBe(
      "active",
    );
    expect(effectiveUserStatus({ status: "suspended", suspendedUntil: new Date(now.getTime() + 1) }, now)).toBe(
      "suspended",
    );
    expect(effectiveUserStatus({ status: "banned", suspendedUntil: null }, now)).toBe("banned");
  });

  it("suspensions last whole days", () => {
    expect(suspensionEnd(now, 7).toISOString()).toBe("2026-03-08T00:00:00.000Z");
  });
});
