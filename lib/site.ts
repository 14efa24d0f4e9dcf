/**
 * Site-wide constants: the publication's name and where it lives.
 * SITE_URL sets the absolute base for canonical links, feeds and sitemaps.
 */
export const SITE_NAME = "Broadsheet";
export const SITE_TAGLINE = "Independent news, and the conversation around it.";
export const SITE_DESCRIPTION =
  "Broadsheet is a demo news site of a fictional publication: reporting on politics, business, science, culture and sport, with reader comments.";

export function siteUrl(env: Record<string, string | undefined> = process.env): string {
  const raw = env.SITE_URL?.trim() || "http://localhost:3000";
  return raw.replace(/\/+$/, "");
}

/** Absolute URL for a site path (`/articles/x` → `http://host/articles/x`). */
export function absoluteUrl(pathname: string, env: Record<string, string | undefined> = process.env): string {
  const path = pathname.startsWith("/") ? pathname : `/${pathname}`;
  return `${siteUrl(env)}${path}`;
}
