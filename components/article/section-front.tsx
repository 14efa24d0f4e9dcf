import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listSectionArticles } from "@/db/queries/articles";
import { getSectionBySlug } from "@/db/queries/sections";
import { sectionHref } from "@/lib/slug";
import { StoryList } from "./story-list";

export const SECTION_PAGE_SIZE = 10;

/** A section front: that desk's stories, newest first, ten a page. */
export async function SectionFront({ slug, page }: { slug: string; page: number }) {
  const section = getSectionBySlug({ slug })?.name;
  if (!section) notFound();
  const result = await listSectionArticles({ section, page, perPage: SECTION_PAGE_SIZE });
  if (page > result.pageCount) notFound();
  const base = sectionHref(section);
  return (
    <div className="page">
      <header className="section-header">
        <p className="kicker">Section</p>
        <h1 className="page-title">{section}</h1>
        <p className="meta">
          {result.total === 1 ? "1 story" : `${result.total} stories`}
          {result.pageCount > 1 ? ` · page ${page} of ${result.pageCount}` : ""}
        </p>
      </header>
      {result.items.length > 0 ? (
        <StoryList articles={result.items} showSection={false} headingLevel={2} />
      ) : (
        <p className="empty-state">No stories in {section} yet.</p>
      )}
      {result.pageCount > 1 ? (
        <nav className="pagination" aria-label="Pages">
          {page > 1 ? (
            <Link href={page === 2 ? base : `${base}?page=${page - 1}`} rel="prev">
              ← Newer stories
            </Link>
          ) : (
            <span />
          )}
          {page < result.pageCount ? (
            <Link href={`${base}?page=${page + 1}`} rel="next">
              Older stories →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}

export function sectionMetadata(slug: string, page: number): Metadata {
  const section = getSectionBySlug({ slug })?.name;
  if (!section) return { title: "Page not found" };
  const path = page > 1 ? `${sectionHref(section)}?page=${page}` : sectionHref(section);
  const description = `The latest ${section} stories from Broadsheet.`;
  return {
    title: page > 1 ? `${section} — page ${page}` : section,
    description,
    alternates: { canonical: path },
    openGraph: { type: "website", url: path, title: section, description },
    twitter: { card: "summary", title: section, description },
  };
}
