/**
 * Where to send a reader after signing in: only same-site relative paths
 * ("/articles/x?sort=top#comments"). Anything that a browser could read as
 * another origin (`//evil`, `/\evil`, `https://evil`, control characters) falls
 * back to the front page.
 */
export function safeCallbackUrl(value: unknown, fallback = "/"): string {
  if (typeof value !== "string") return fallback;
  const url = value.trim();
  if (!url.startsWith("/") || url.length > 2000) return fallback;
  // Browsers treat "\" like "/" in URLs, so "/\evil.example" is "//evil.example".
  if (url.startsWith("//") || url.includes("\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(url)) return fallback;
  try {
    const base = "http://same-site.invalid";
    const parsed = new URL(url, base);
    if (parsed.origin !== base) return fallback;
    return parsed.pathname + parsed.search + parsed.hash;
  } catch {
    return fallback;
  }
}
