/**
 * The response headers every page carries. Pure: next.config.ts calls it once
 * at build time and hands the list to `headers()`.
 *
 * The Content-Security-Policy has no nonces on purpose: anonymous pages are
 * served from Next's route cache (ISR), the same bytes for every reader, and a
 * per-request nonce would force every page to render per request. Next's
 * inline bootstrap scripts (`self.__next_f.push(...)`) therefore need
 * `'unsafe-inline'` in `script-src`. What keeps user text from running is that
 * nothing a reader writes is ever HTML (React escapes it); the policy is the
 * second wall: no plugins, no foreign scripts, no `<base>` hijack, no framing,
 * forms post only to this site. See DECISIONS.md.
 */

export type SecurityHeaderOptions = {
  /** The public address of the site (`SITE_URL`); `https:` turns on HSTS and upgrade-insecure-requests. */
  siteUrl?: string;
  /** Development needs `'unsafe-eval'` for React's dev tooling; production never gets it. */
  development?: boolean;
  /** Extra origins forms may post or redirect to (OAuth providers, whose sign-in is a form post that redirects away). */
  formActionOrigins?: readonly string[];
};

export type Header = { key: string; value: string };

/** One year, as the HSTS preload list asks. */
export const HSTS_MAX_AGE = 31_536_000;

export function isHttpsSite(siteUrl: string | undefined): boolean {
  if (!siteUrl) return false;
  try {
    return new URL(siteUrl).protocol === "https:";
  } catch {
    return false;
  }
}

export function contentSecurityPolicy(options: SecurityHeaderOptions = {}): string {
  const scriptSrc = ["'self'", "'unsafe-inline'"];
  if (options.development) scriptSrc.push("'unsafe-eval'");
  const directives: [string, string[]][] = [
    ["default-src", ["'self'"]],
    ["script-src", scriptSrc],
    // React sets `style` attributes (e.g. on Next's route announcer).
    ["style-src", ["'self'", "'unsafe-inline'"]],
    ["img-src", ["'self'", "data:", "blob:"]],
    ["font-src", ["'self'", "data:"]],
    ["connect-src", ["'self'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    ["frame-ancestors", ["'none'"]],
    ["form-action", ["'self'", ...(options.formActionOrigins ?? [])]],
  ];
  const policy = directives.map(([name, values]) => `${name} ${values.join(" ")}`);
  if (isHttpsSite(options.siteUrl)) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}

/** The headers for every response, in a stable order. */
export function securityHeaders(options: SecurityHeaderOptions = {}): Header[] {
  const headers: Header[] = [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(options) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    {
      key: "Permissions-Policy",
      value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    },
    // For browsers that predate frame-ancestors.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
  if (isHttpsSite(options.siteUrl)) headers.push(hstsHeader());
  return headers;
}

/**
 * HSTS only means something over https (browsers ignore it on plain http), and
 * sent from a site that is not yet on https it would lock readers out, so it is
 * only sent when the site's address is https.
 */
export function hstsHeader(): Header {
  return { key: "Strict-Transport-Security", value: `max-age=${HSTS_MAX_AGE}; includeSubDomains` };
}
