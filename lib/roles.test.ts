import { describe, expect, it } from "vitest";
import { hasRole } from "./roles";

const now = new Date("2026-12-02T12:00:00Z");
const later = new Date("2026-12-03T12:00:00Z");
const earlier = new Date("2026-12-01T12:00:00Z");
const staff = (
  role: "reader" | "moderator" | "admin",
  status: "active" | "suspended" | "banned",
  until: Date | null = null,
) => ({
  role,
  status,
  suspendedUntil: until,
});

describe("hasRole", () => {
  it("nests admin above moderator above reader", () => {
    expect(hasRole(staff("admin", "active"), "moderator", now)).toBe(true);
    expect(hasRole(staff("moderator", "active"), "moderator", now)).toBe(true);
    expect(hasRole(staff("moderator", "active"), "admin", now)).toBe(false);
    expect(hasRole(staff("reader", "active"), "moderator", now)).toBe(false);
    expect(hasRole(null, "moderator", now)).toBe(false);
  });

  it("drops staff powers while banned or suspended, and gives them back when a suspension ends", () => {
    expect(hasRole(staff("admin", "banned"), "moderator", now)).toBe(false);
    expect(hasRole(staff("moderator", "suspended", later), "moderator", now)).toBe(false);
    expect(hasRole(staff("admin", "suspended", null), "moderator", now)).toBe(false);
    expect(hasRole(staff("moderator", "suspended", earlier), "moderator", now)).toBe(true);
  });
});
