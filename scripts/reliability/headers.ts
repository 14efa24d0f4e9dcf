/**
 * Hardening headers on every kind of response, and proof in Chromium that
 * the CSP (no nonces, see DECISIONS.md) lets the pages hydrate without a
 * single violation.
 */
import type { Context } from "./support/context";
import { SESSION_COOKIE } from "./support/data";
import { request } from "./support/http";
import { Report } from "./support/report";

const REQUIRED_CSP = [
  "default-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
];

export async function headers(ctx: Context): Promise<Report> {
  const report = new Report("Hardening: response headers and CSP in the browser");
  const user = await ctx.data.createUser({ name: "Header Reader" });
  const slug = (
    ctx.data.raw
      .prepare("SELECT slug FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT 1")
      .get() as { slug: string }
  ).slug;
  const targets: [string, string | undefined][] = [
    ["/", undefined],
    [`/articles/${slug}`, undefined],
    [`/articles/${slug}`, user.cookie],
    ["/signin", undefined],
    ["/account", user.cookie],
    ["/account/export", user.cookie],
    ["/no-such-page", undefined],
    ["/robots.txt", undefined],
  ];
  for (const [path, cookie] of targets) {
    const res = await request(`${ctx.base}${path}`, { headers: cookie ? { cookie } : {} });
    const csp = String(res.headers["content-security-policy"] ?? "");
    const where = `${path}${cookie ? " (signed in)" : ""}`;
    for (const d of REQUIRED_CSP) report.check(csp.includes(d), `${where}: CSP lacks ${d}`);
    report.check(!/nonce-/.test(csp), `${where}: CSP has a nonce`);
    report.check(res.headers["x-content-type-options"] === "nosniff", `${where}: no nosniff`);
    report.check(typeof res.headers["referrer-policy"] === "string", `${where}: no Referrer-Policy`);
    report.check(typeof res.headers["permissions-policy"] === "string", `${where}: no Permissions-Policy`);
    report.check(res.headers["x-powered-by"] === undefined, `${where}: X-Powered-By is sent`);
    report.check(res.headers["strict-transport-security"] === undefined, `${where}: HSTS over plain http`);
    // Pages rendered for one person must never be kept by a shared cache.
    if (cookie) {
      const cc = String(res.headers["cache-control"] ?? "");
      report.check(
        /no-store|private/.test(cc) && !/public/.test(cc),
        `${where}: Cache-Control "${cc}" would let a shared cache keep a personal page`,
      );
    }
  }
  const sample = await request(`${ctx.base}/`);
  report.figure(`${targets.length} responses checked; CSP: ${String(sample.headers["content-security-policy"])}`);

  // In the browser: pages hydrate (React attached to the DOM) with no CSP violation.
  const browser = await ctx.browser();
  const violations: string[] = [];
  let hydrated = 0;
  const pages: [string, boolean][] = [
    ["/", false],
    [`/articles/${slug}`, false],
    [`/articles/${slug}`, true],
    ["/signin", false],
    ["/account", true],
  ];
  for (const [path, signedIn] of pages) {
    const context = await browser.newContext({ baseURL: ctx.base });
    if (signedIn) {
      await context.addCookies([
        {
          name: SESSION_COOKIE,
          value: user.cookie.slice(user.cookie.indexOf("=") + 1),
          domain: "127.0.0.1",
          path: "/",
          httpOnly: true,
          sameSite: "Lax",
        },
      ]);
    }
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as unknown as { __csp: string[] }).__csp ??= [];
        (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error" && /Content.Security.Policy|Refused to/i.test(m.text()))
        violations.push(`${path}: ${m.text().slice(0, 160)}`);
    });
    await page.goto(path, { waitUntil: "networkidle" });
    const isHydrated = await page
      .waitForFunction(
        () =>
          Array.from(document.querySelectorAll("body *")).some((el) =>
            Object.keys(el).some((k) => k.startsWith("__reactFiber")),
          ),
        null,
        { timeout: 10_000 },
      )
      .then(
        () => true,
        () => false,
      );
    if (isHydrated) hydrated++;
    report.check(isHydrated, `${path}${signedIn ? " (signed in)" : ""} did not hydrate`);
    for (const v of await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))
      violations.push(`${path}: ${v}`);
    await context.close();
  }
  report.check(violations.length === 0, `CSP violations: ${violations.slice(0, 5).join(" | ")}`);
  report.figure(
    `${hydrated}/${pages.length} pages hydrated in Chromium under the CSP; violations: ${violations.length}`,
  );
  return report;
}
