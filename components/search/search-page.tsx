import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { countStories, searchStories, STORY_COUNT_CAP } from "@/db/queries/search";
import { displayRawQuery, MAX_QUERY_CHARS, MAX_TERMS, parseSearchQuery, toMatchExpression } from "@/lib/search-query";
import { MAX_SEARCH_PAGE, SEARCH_PAGE_SIZE, searchHref, type SearchView } from "@/lib/search-view";
import { listVisibleSections } from "@/db/queries/sections";
import { sectionHref } from "@/lib/slug";
import { SearchResult } from "./search-result";
import styles from "./search.module.css";

/** What the live page knows about the typed text beyond its canonical view (the cached twin never has these). */
export type TypedQuery = { raw: string; nothingSearchable: boolean; truncated: boolean };

const NUMBER = new Intl.NumberFormat("en-GB");

function countLabel(count: number): string {
  if (count > STORY_COUNT_CAP) return `More than ${NUMBER.format(STORY_COUNT_CAP)} stories`;
  return count === 1 ? "1 story" : `${NUMBER.format(count)} stories`;
}

/** The text a results page shows as "the query": the canonical search, or what was typed when nothing in it was searchable. */
export function searchDisplayText(view: SearchView, typed?: TypedQuery): string {
  return view.q || (typed?.nothingSearchable ? displayRawQuery(typed.raw) : "");
}

/**
 * The search page: published stories matching the query, 20 a page, by
 * relevance or newest first; the empty page explains how to search. Rendered
 * by the live route (signed-in readers, and searches that get no cache entry)
 * and by the cached twin.
 */
export async function SearchPage({ view, typed }: { view: SearchView; typed?: TypedQuery }) {
  const display = searchDisplayText(view, typed);
  if (!display) return <SearchLanding />;

  const match = toMatchExpression(parseSearchQuery(view.q));
  const { hits, hasNext } = match
    ? searchStories({ match, sort: view.sort, page: view.page, perPage: SEARCH_PAGE_SIZE })
    : { hits: [], hasNext: false };
  // Only pages that exist: the first page of a search that finds nothing still answers.
  if (view.page > 1 && hits.length === 0) notFound();
  const count =
    match && (hasNext || view.page > 1) ? countStories({ match }) : (view.page - 1) * SEARCH_PAGE_SIZE + hits.length;
  const other = view.sort === "date" ? "relevance" : "date";

  return (
    <div className="page">
      <header className={styles.header}>
        <p className="kicker">Search</p>
        <h1 className="page-title">
          Results for <span className={styles.query}>“{display}”</span>
        </h1>
        {hits.length > 0 ? (
          <div className={styles.summary}>
            <p className="meta">
              {countLabel(count)}
              {view.page > 1 ? ` · page ${view.page}` : ""}
            </p>
            <p className={`meta ${styles.sort}`}>
              <span>Sorted by {view.sort}</span>
              <span className="meta__sep" aria-hidden="true">
                {" · "}
              </span>
              <Link href={searchHref({ q: view.q, sort: other })}>Sort by {other}</Link>
            </p>
          </div>
        ) : null}
      </header>

      {typed?.truncated && view.q ? (
        <p role="alert" className={`alert ${styles.message}`}>
          Searches are limited to {MAX_QUERY_CHARS} characters and {MAX_TERMS} words or phrases, so we searched for “
          {view.q}”.
        </p>
      ) : null}
      {typed?.nothingSearchable ? (
        <p role="alert" className={`alert ${styles.message}`}>
          Search for a word or a number: punctuation on its own matches nothing.
        </p>
      ) : null}

      {hits.length > 0 ? (
        <div className={styles.layout}>
          <ol className={styles.results} start={(view.page - 1) * SEARCH_PAGE_SIZE + 1}>
            {hits.map((hit) => (
              <li key={hit.id}>
                <SearchResult hit={hit} />
              </li>
            ))}
          </ol>
          <div className={styles.rail}>
            <h2 className="section-title">Search tips</h2>
            <SearchTips />
          </div>
        </div>
      ) : (
        <div className={styles.none}>
          <p className={styles.noneTitle}>No stories match “{display}”.</p>
          <ul>
            <li>Check the spelling, or try fewer words: every word must appear in a story.</li>
            <li>
              End a word with <kbd>*</kbd> to find every word that starts with it: <code>guard*</code>.
            </li>
            <li>Or browse a section instead.</li>
          </ul>
          <SectionLinks />
        </div>
      )}

      {view.page > 1 || (hasNext && view.page < MAX_SEARCH_PAGE) ? (
        <nav className="pagination" aria-label="Result pages">
          {view.page > 1 ? (
            <Link href={searchHref({ ...view, page: view.page - 1 })} rel="prev">
              ← Previous page
            </Link>
          ) : (
            <span />
          )}
          {hasNext && view.page < MAX_SEARCH_PAGE ? (
            <Link href={searchHref({ ...view, page: view.page + 1 })} rel="next">
              Next page →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}

async function SectionLinks() {
  const sections = await listVisibleSections();
  return (
    <ul className={`cluster ${styles.sections}`}>
      {sections.map((section) => (
        <li key={section.id}>
          <Link href={sectionHref(section.name)}>{section.name}</Link>
        </li>
      ))}
    </ul>
  );
}

function SearchTips() {
  return (
    <dl className={styles.tips}>
      <dt>
        <code>troops border</code>
      </dt>
      <dd>Stories with both words, in any form: “troop” finds “troops”. Headlines count most.</dd>
      <dt>
        <code>&quot;national guard&quot;</code>
      </dt>
      <dd>Quotes keep words together, in that order.</dd>
      <dt>
        <code>guard*</code>
      </dt>
      <dd>A star finds every word that starts that way: guard, guards, guardian.</dd>
    </dl>
  );
}

/** /search with nothing typed: how search works. */
function SearchLanding() {
  return (
    <div className="page">
      <header className={`${styles.header} ${styles.headerPlain}`}>
        <p className="kicker">Search</p>
        <h1 className="page-title">Search the archive</h1>
        <p className="lede">Every story Broadsheet has published, by headline, standfirst and text.</p>
      </header>
      <div className={styles.landing}>
        <h2 className="section-title">How to search</h2>
        <SearchTips />
        <h2 className="section-title">Or browse a section</h2>
        <SectionLinks />
      </div>
    </div>
  );
}

export function searchMetadata(view: SearchView, typed?: TypedQuery): Metadata {
  const display = searchDisplayText(view, typed);
  const title = display ? `Search: ${display}${view.page > 1 ? ` — page ${view.page}` : ""}` : "Search";
  // Result pages are for readers, not for search engines.
  return { title, robots: { index: false, follow: true } };
}
