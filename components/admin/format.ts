/** Dates for staff screens: absolute, in UTC, so every moderator reads the same time. */
const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});
const dateOnly = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function formatDateTime(d: Date): string {
  return `${dateTime.format(d)} UTC`;
}

export function formatDate(d: Date): string {
  return dateOnly.format(d);
}

/** "5 minutes ago", "yesterday", "3 weeks ago". */
export function formatRelative(d: Date, now: Date): string {
  const seconds = Math.round((d.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return "just now";
  if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), "hour");
  if (abs < 86400 * 14) return relative.format(Math.round(seconds / 86400), "day");
  if (abs < 86400 * 60) return relative.format(Math.round(seconds / (86400 * 7)), "week");
  if (abs < 86400 * 730) return relative.format(Math.round(seconds / (86400 * 30)), "month");
  return relative.format(Math.round(seconds / (86400 * 365)), "year");
}

/** "new today", "3 days", "2 months" — how long someone has had an account. */
export function formatAccountAge(createdAt: Date, now: Date): string {
  const days = Math.floor((now.getTime() - createdAt.getTime()) / 86400000);
  if (days < 1) return "joined today";
  if (days < 60) return `member ${days} day${days === 1 ? "" : "s"}`;
  if (days < 730) return `member ${Math.floor(days / 30)} months`;
  return `member ${Math.floor(days / 365)} years`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
