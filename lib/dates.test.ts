import { describe, expect, it } from "vitest";
import {
  formatAccountAge,
  formatDate,
  formatDateTime,
  formatMonthYear,
  formatRelative,
  formatShortDate,
} from "./dates";

const now = new Date("2026-11-28T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("dates", () => {
  it("tells relative time the way people say it, then the date", () => {
    expect(formatRelative(ago(10_000), now)).toBe("just now");
    expect(formatRelative(ago(5 * 60_000), now)).toBe("5 minutes ago");
    expect(formatRelative(ago(60 * 60_000), now)).toBe("1 hour ago");
    expect(formatRelative(ago(3 * 3600_000), now)).toBe("3 hours ago");
    expect(formatRelative(ago(26 * 3600_000), now)).toBe("yesterday");
    expect(formatRelative(ago(4 * 86_400_000), now)).toBe("4 days ago");
    expect(formatRelative(new Date("2026-10-02T08:00:00Z"), now)).toBe("2 Oct 2026");
  });
  it("gives absolute dates and times in UTC, whatever the machine's zone", () => {
    const lateEvening = new Date("2026-11-28T23:30:00Z");
    expect(formatDate(lateEvening)).toBe("28 November 2026");
    expect(formatShortDate(lateEvening)).toBe("28 Nov 2026");
    expect(formatMonthYear(lateEvening)).toBe("November 2026");
    expect(formatDateTime(new Date("2026-11-28T09:05:00Z"))).toBe("28 November 2026 at 09:05 UTC");
  });
  it("says how long someone has had an account", () => {
    expect(formatAccountAge(ago(3600_000), now)).toBe("joined today");
    expect(formatAccountAge(ago(86_400_000), now)).toBe("member 1 day");
    expect(formatAccountAge(ago(90 * 86_400_000), now)).toBe("member 3 months");
  });
});
