import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cacheTags, tagCachedPage } from "@/app/_lib/revalidate";
import { SiteChrome } from "@/components/site/site-chrome";
import { SearchPage, searchMetadata } from "@/components/search/search-page";
import { decodeSearchSegment, type SearchView } from "@/lib/search-view";

// Anonymous twin of `/search?q=…&sort=…&page=…` (see proxy.ts and
// lib/search-view.ts): one cache entry per canonical view, within the budget
// the proxy keeps. Never reads cookies or headers.
export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams(): { view: string }[] {
  return [];
}

type Props = { params: Promise<{ view: string }> };

function viewOf(segment: string): SearchView | null {
  try {
    return decodeSearchSegment(decodeURIComponent(segment));
  } catch {
    return null; // a malformed %-escape typed by hand; the proxy never produces one
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const view = viewOf((await params).view);
  return view ? searchMetadata(view) : { title: "Page not found" };
}

export default async function Page({ params }: Props) {
  const view = viewOf((await params).view);
  if (!view) notFound();
  await tagCachedPage([cacheTags.search]);
  return (
    <SiteChrome viewer={null} searchQuery={view.q}>
      <SearchPage view={view} />
    </SiteChrome>
  );
}
