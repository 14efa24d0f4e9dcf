import type { ArticleStatus } from "@/lib/vocabulary";
import styles from "./admin.module.css";

export const STORY_STATE_LABELS: Record<ArticleStatus, string> = {
  draft: "Draft",
  review: "In review",
  scheduled: "Scheduled",
  published: "Published",
};

const TONE: Record<ArticleStatus, string | undefined> = {
  draft: undefined,
  review: "warn",
  scheduled: "staff",
  published: "ok",
};

/** A story's state as a badge: Draft, In review, Scheduled, Published. */
export function StoryStateBadge({ status }: { status: ArticleStatus }) {
  return (
    <span className={styles.status} data-tone={TONE[status]}>
      {STORY_STATE_LABELS[status]}
    </span>
  );
}
