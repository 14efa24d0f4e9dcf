import type { Metadata } from "next";
import { getViewer } from "@/app/_lib/guards";
import { SiteChrome } from "@/components/site/site-chrome";
import { SearchPage, searchDisplayText, searchMetadata, type TypedQuery } from "@/components/search/search-page";
import { readSearchView, type SearchView } from "@/lib/search-view";

// The live search page: signed-in readers, and anonymous searches the proxy
// gives no cache entry (see lib/search-view.ts searchCachedPath). The others are
// served by the cached twin, app/(search)/cached/search/[view].
// This route group has no layout: the page draws the chrome so the header's
// search box can show the query.

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function read(params: Record<string, string | string[] | undefined>): { view: SearchView; typed: TypedQuery } {
  const { q, page, sort, raw, nothingSearchable, parsed } = readSearchView(params);
  return { view: { q, page, sort }, typed: { raw, nothingSearchable, truncated: parsed.truncated } };
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { view, typed } = read(await searchParams);
  return searchMetadata(view, typed);
}

export default async function Page({ searchParams }: Props) {
  const { view, typed } = read(await searchParams);
  const viewer = await getViewer();
  return (
    <SiteChrome viewer={viewer} searchQuery={searchDisplayText(view, typed)}>
      <SearchPage view={view} typed={typed} />
    </SiteChrome>
  );
}
