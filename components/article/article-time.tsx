import { formatDate } from "@/lib/dates";

/** A publication date as people read it, with the machine-readable instant in `datetime`. */
export function ArticleTime({ date, className }: { date: Date; className?: string }) {
  return (
    <time dateTime={date.toISOString()} className={className}>
      {formatDate(date)}
    </time>
  );
}
