/**
 * Cache-Control for pages every anonymous reader shares (DECISIONS.md "Several
 * processes, one cache in front"). Writes expire Next's own copy at once
 * (app/_lib/revalidate.ts); an HTTP cache in front (deploy/nginx.conf, a CDN)
 * gets no purge, so these numbers are the freshness contract through it:
 *  - s-maxage=5: a cache serves its copy as fresh for 5 s, so a reader who
 *    reloads once a second sees a new, edited, removed or approved comment
 *    within 10 s of its acknowledgement (5 s fresh, one stale answer while
 *    the background refresh runs, and the second expiry 1.5 s after a write);
 *  - stale-while-revalidate=25: past that, a stale copy may be served only
 *    while it is being refreshed, for 25 s more at most; so no shared cache
 *    that follows the header serves a removed comment more than 30 s after
 *    its removal (MAX_SHARED_STALE_SECONDS).
 */
export const SHARED_MAX_AGE_SECONDS = 5;
export const STALE_WHILE_REVALIDATE_SECONDS = 25;
export const MAX_SHARED_STALE_SECONDS = SHARED_MAX_AGE_SECONDS + STALE_WHILE_REVALIDATE_SECONDS;
export const PUBLIC_CACHED_PAGE = `public, s-maxage=${SHARED_MAX_AGE_SECONDS}, stale-while-revalidate=${STALE_WHILE_REVALIDATE_SECONDS}`;

/** Pages personalised for a signed-in reader: never stored by anyone. */
export const PRIVATE_PAGE = "private, no-store";

/** Every cookie name an Auth.js session can travel in (plain/https, whole/chunked). */
export const SESSION_COOKIE_NAMES = [
  "authjs.session-token",
  "__Secure-authjs.session-token",
  "authjs.session-token.0",
  "__Secure-authjs.session-token.0",
] as const;
