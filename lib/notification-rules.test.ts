import { describe, expect, it } from "vitest";
import { shouldNotify } from "./notification-rules";

const now = new Date("2026-12-03T12:00:00Z");
const reader = (status: "active" | "suspended" | "banned" = "active", until: Date | null = null) => ({
  id: "r",
  role: "reader" as const,
  status,
  suspendedUntil: until,
  statusReason: null,
});

describe("shouldNotify", () => {
  it("tells an active reader about someone else's action", () => {
    expect(shouldNotify(reader(), "someone", now)).toBe(true);
    expect(shouldNotify(reader(), null, now)).toBe(true);
  });
  it("tells nobody about their own action, a gone account, a banned or currently suspended one", () => {
    expect(shouldNotify(reader(), "r", now)).toBe(false);
    expect(shouldNotify(null, "someone", now)).toBe(false);
    expect(shouldNotify(reader("banned"), "someone", now)).toBe(false);
    expect(shouldNotify(reader("suspended", new Date("2026-12-04T00:00:00Z")), "someone", now)).toBe(false);
    expect(shouldNotify(reader("suspended", new Date("2026-12-01T00:00:00Z")), "someone", now)).toBe(true);
  });
});
