import Link from "next/link";
import type { Queue, QueueCounts } from "@/db/queries/moderation";
import styles from "./admin.module.css";

const LABELS: Record<Queue, string> = {
  pending: "Pending",
  reported: "Reported",
  approved: "Approved",
  rejected: "Rejected",
};

/** `current` is absent while a search is shown instead of a queue. */
export function QueueTabs({ current, counts }: { current?: Queue; counts: QueueCounts }) {
  return (
    <nav aria-label="Queues">
      <ul className={styles.tabs}>
        {(Object.keys(LABELS) as Queue[]).map((queue) => {
          const hot = (queue === "pending" || queue === "reported") && counts[queue] > 0;
          return (
            <li key={queue}>
              <Link href={`/admin/moderation?queue=${queue}`} aria-current={queue === current ? "page" : undefined}>
                {LABELS[queue]} <span className={`${styles.count} ${hot ? styles.countHot : ""}`}>{counts[queue]}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export const QUEUE_LABELS = LABELS;
