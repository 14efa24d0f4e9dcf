/**
 * Comment windows. An article's comments are open when the newsroom has not
 * closed them and, if the site auto-closes comments after N days, fewer than
 * N days have passed since publication. N of 0 or null means never.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

export function autoCloseAt(publishedAt: Date, autoCloseDays: number | null | undefined): Date | null {
  if (!autoCloseDays || autoCloseDays <= 0 || !Number.isFinite(autoCloseDays)) return null;
  return new Date(publishedAt.getTime() + autoCloseDays * DAY_MS);
}

export function isAutoClosed(publishedAt: Date, autoCloseDays: number | null | undefined, now: Date): boolean {
  const at = autoCloseAt(publishedAt, autoCloseDays);
  return at !== null && now.getTime() >= at.getTime();
}

export function areCommentsOpen(
  article: { commentsOpen: boolean; publishedAt: Date },
  autoCloseDays: number | null | undefined,
  now: Date,
): boolean {
  return article.commentsOpen && !isAutoClosed(article.publishedAt, autoCloseDays, now);
}
