import { formatDate, formatDateTime } from "@/lib/dates";

/**
 * A date as people read it, with the machine-readable instant in `datetime`;
 * `withTime` adds the hour (an update, a correction: a story can change twice a day).
 */
export function ArticleTime({ date, className, withTime }: { date: Date; className?: string; withTime?: boolean }) {
  return (
    <time dateTime={date.toISOString()} className={className}>
      {withTime ? formatDateTime(date) : formatDate(date)}
    </time>
  );
}
