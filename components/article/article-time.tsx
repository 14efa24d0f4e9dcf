const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

/** A publication date as people read it, with the machine-readable instant in `datetime`. */
export function ArticleTime({ date, className }: { date: Date; className?: string }) {
  return (
    <time dateTime={date.toISOString()} className={className}>
      {dateFormat.format(date)}
    </time>
  );
}
