/**
 * Every date the site shows, in one locale and in UTC, so readers, staff and
 * the server's cached pages all read the same time whatever the machine's zone.
 */
const LOCALE = "en-GB";

const longDate = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const shortDate = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const monthYear = new Intl.DateTimeFormat(LOCALE, { month: "long", year: "numeric", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat(LOCALE, {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
  timeZone: "UTC",
});
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "20 November 2026": a publication date. */
export function formatDate(date: Date): string {
  return longDate.format(date);
}

/** "2 Oct 2026": a date in a list or table. */
export function formatShortDate(date: Date): string {
  return shortDate.format(date);
}

/** "November 2026". */
export function formatMonthYear(date: Date): string {
  return monthYear.format(date);
}

/** "28 November 2026 at 09:05 UTC": an exact moment. */
export function formatDateTime(date: Date): string {
  return `${dateTime.format(date).replace(",", " at")} UTC`;
}

/** "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago", then the short date. */
export function formatRelative(date: Date, now: Date): string {
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return relative.format(-minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (hours < 24) return relative.format(-hours, "hour");
  const days = Math.round(hours / 24);
  if (days < 7) return relative.format(-days, "day");
  return formatShortDate(date);
}

/** "joined today", "member 3 days", "member 2 months": how long someone has had an account. */
export function formatAccountAge(createdAt: Date, now: Date): string {
  const days = Math.floor((now.getTime() - createdAt.getTime()) / 86_400_000);
  if (days < 1) return "joined today";
  if (days < 60) return `member ${days} day${days === 1 ? "" : "s"}`;
  if (days < 730) return `member ${Math.floor(days / 30)} months`;
  return `member ${Math.floor(days / 365)} years`;
}
