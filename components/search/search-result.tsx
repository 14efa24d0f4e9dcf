import Link from "next/link";
import type { StorySearchHit } from "@/db/queries/search";
import { articleViewHref } from "@/lib/article-view";
import { hasMarks, splitMarked, stripMarkdown } from "@/lib/search-snippet";
import { ArticleTime } from "@/components/article/article-time";
import { SectionKicker } from "@/components/article/section-kicker";
import { MarkedText } from "./marked-text";
import styles from "./search.module.css";

/**
 * One story in the results: section, headline (the link), the passage that
 * matched, byline and date. The passage is the body's best fragment when the
 * body matched, else the standfirst (where the match may be), marked alike.
 */
export function SearchResult({ hit }: { hit: StorySearchHit }) {
  const body = stripMarkdown(splitMarked(hit.bodySnippet));
  const dek = splitMarked(hit.dekMarked);
  const passage = hasMarks(body) || !hasMarks(dek) ? body : dek;
  return (
    <article className={styles.result}>
      <SectionKicker section={hit.section} />
      <h2 className={styles.headline}>
        <Link href={articleViewHref(hit.slug)} className="story-link">
          <MarkedText runs={splitMarked(hit.titleMarked)} />
        </Link>
      </h2>
      <p className={styles.snippet}>
        <MarkedText runs={passage} />
      </p>
      <p className="meta">
        <span>By {hit.author}</span>
        <span className="meta__sep" aria-hidden="true">
          {" · "}
        </span>
        <ArticleTime date={hit.publishedAt} />
      </p>
    </article>
  );
}
