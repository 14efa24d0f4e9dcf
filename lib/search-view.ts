/**
 * The search page's view (query, page, order) as one value, with its two
 * spellings, as lib/article-view.ts does for comment views:
 *  - the public URL, `/search?q=…&sort=date&page=2`, and
 *  - one path segment for the cached anonymous twin,
 *    `/cached/search/<segment>`, so each view is one cache entry.
 * The query is always the canonical text of lib/search-query.ts, so spellings
 * of the same search (case aside) share one entry; see DECISIONS.md "Search".
 */
import { canonicalQueryText, parseSearchQuery, type ParsedQuery } from "./search-query";

export const SEARCH_SORTS = ["relevance", "date"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const SEARCH_PAGE_SIZE = 20;
/** Pages beyond this are not offered (1,000 stories is more than anyone reads through). */
export const MAX_SEARCH_PAGE = 50;

export type SearchView = {
  /** Canonical query text ("" for the empty search page). */
  q: string;
  page: number;
  sort: SearchSort;
};

export type ReadSearchView = SearchView & {
  parsed: ParsedQuery;
  /** The raw text had something in it, but nothing searchable (only punctuation). */
  nothingSearchable: boolean;
  /** What the reader typed, for the rare page that shows it back as typed. */
  raw: string;
};

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function read(source: ParamSource, key: string): string | undefined {
  if (source instanceof URLSearchParams) return source.get(key) ?? undefined;
  const value = source[key];
  return Array.isArray(value) ? value[0] : value;
}

export function parsePage(raw: string | undefined): number {
  if (!raw || !/^[1-9][0-9]{0,3}$/.test(raw)) return 1;
  return Math.min(Number(raw), MAX_SEARCH_PAGE);
}

/** Reads the search page's URL parameters; anything malformed falls back to a default. */
export function readSearchView(source: ParamSource): ReadSearchView {
  const raw = read(source, "q") ?? "";
  const parsed = parseSearchQuery(raw);
  const q = canonicalQueryText(parsed);
  const sort = read(source, "sort") === "date" ? "date" : "relevance";
  return {
    q,
    page: q ? parsePage(read(source, "page")) : 1,
    sort: q ? sort : "relevance",
    parsed,
    nothingSearchable: q === "" && raw.trim() !== "",
    raw,
  };
}

/** Query string (without `?`) holding only the non-default parts, in a fixed order. */
export function searchViewQuery(view: SearchView): string {
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  if (view.sort !== "relevance") params.set("sort", view.sort);
  if (view.page > 1) params.set("page", String(view.page));
  return params.toString();
}

export function searchHref(view: Partial<SearchView>): string {
  const query = searchViewQuery({ q: "", page: 1, sort: "relevance", ...view });
  return `/search${query ? `?${query}` : ""}`;
}

/** Path segment for the cached twin: `default` (the empty search page) or the canonical query string. */
export function encodeSearchSegment(view: SearchView): string {
  return searchViewQuery(view) || "default";
}

/**
 * The view a twin's segment names, or null unless the segment is exactly the
 * canonical spelling of a view (so hand-made segments never become entries).
 */
export function decodeSearchSegment(segment: string): SearchView | null {
  if (segment === "default") return { q: "", page: 1, sort: "relevance" };
  const view = readSearchView(new URLSearchParams(segment));
  if (!view.q) return null;
  const canonical: SearchView = { q: view.q, page: view.page, sort: view.sort };
  return encodeSearchSegment(canonical) === segment ? canonical : null;
}

/**
 * The longest twin segment (once percent-encoded for the path) that gets a
 * cache entry. Next names the entry's files after the path, and a file name
 * has at most 255 bytes; a longer query (a paragraph pasted in, or many
 * non-Latin words) is rendered per request instead.
 */
export const MAX_CACHED_SEGMENT_CHARS = 160;

/**
 * How many search views one server process gives cache entries (see DECISIONS.md
 * "Search"): an entry is about 7 files and 100–150 KB on disk, so at most ~75 MB.
 */
export const SEARCH_CACHE_ENTRIES = 500;

/**
 * A set that holds at most `capacity` keys and never forgets one: the route
 * cache cannot be told to drop an entry, so a key once given an entry keeps it
 * and later keys are refused once the budget is spent.
 */
export class CacheBudget {
  private readonly keys = new Set<string>();
  constructor(readonly capacity: number) {}

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** True if the key has (or now gets) a place within the budget. */
  admit(key: string): boolean {
    if (this.keys.has(key)) return true;
    if (this.keys.size >= this.capacity) return false;
    this.keys.add(key);
    return true;
  }

  get size(): number {
    return this.keys.size;
  }
}

/**
 * The cached twin's path for an anonymous `/search` request, or null when it
 * must be rendered per request: nothing searchable typed, text left out
 * (the page says so), a page with no results (including a query with none at
 * all), a key too long for a file name, or the budget spent.
 */
export function searchCachedPath(
  searchParams: URLSearchParams,
  deps: { pageHasResults: (view: SearchView) => boolean; budget: CacheBudget },
): string | null {
  const read = readSearchView(searchParams);
  if (read.nothingSearchable || read.parsed.truncated) return null;
  const view: SearchView = { q: read.q, page: read.page, sort: read.sort };
  const segment = encodeURIComponent(encodeSearchSegment(view));
  if (segment.length > MAX_CACHED_SEGMENT_CHARS) return null;
  // The empty search page and views already given an entry need no database look-up.
  if (view.q && !deps.budget.has(segment)) {
    if (!deps.pageHasResults(view) || !deps.budget.admit(segment)) return null;
  }
  return `/cached/search/${segment}`;
}
