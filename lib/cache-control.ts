/**
 * Cache-Control for pages every anonymous reader shares: any HTTP cache in front
 * may keep them for 5 minutes (the route cache's own revalidate period) and
 * serve a stale copy while it fetches a fresh one. Writes expire Next's copy at
 * once (app/_lib/revalidate.ts); a CDN in front would need a purge hook as well.
 */
export const PUBLIC_CACHED_PAGE = "public, s-maxage=300, stale-while-revalidate=31535700";

/** Pages personalised for a signed-in reader: never stored by anyone. */
export const PRIVATE_PAGE = "private, no-store";

/** Every cookie name an Auth.js session can travel in (plain/https, whole/chunked). */
export const SESSION_COOKIE_NAMES = [
  "authjs.session-token",
  "__Secure-authjs.session-token",
  "authjs.session-token.0",
  "__Secure-authjs.session-token.0",
] as const;
