import Link from "next/link";
import { sectionHref } from "@/lib/slug";

export function SectionKicker({ section }: { section: string }) {
  return (
    <p className="kicker">
      <Link href={sectionHref(section)}>{section}</Link>
    </p>
  );
}
