/**
 * The header's search box: a plain GET form to /search, so it works without
 * JavaScript and its result pages can be cached like any other public page.
 * On a search page it shows the query searched (passed in, never read here:
 * cached pages render this too).
 */
export function SiteSearch({ query = "" }: { query?: string }) {
  return (
    <form role="search" action="/search" method="get" className="site-search" aria-label="Site search">
      <label htmlFor="site-search-q" className="visually-hidden">
        Search stories
      </label>
      <input
        id="site-search-q"
        type="search"
        name="q"
        defaultValue={query}
        placeholder="Search stories"
        autoComplete="off"
        enterKeyHint="search"
        maxLength={200}
        className="site-search__input"
      />
      <button type="submit" className="site-search__button">
        <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" width="16" height="16">
          <circle cx="8.5" cy="8.5" r="5.75" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="m13 13 4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <span>Search</span>
      </button>
    </form>
  );
}
