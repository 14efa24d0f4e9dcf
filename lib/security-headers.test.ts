import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isHttpsSite, securityHeaders } from "./security-headers";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(";").map((part) => {
      const [name = "", ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

function header(list: { key: string; value: string }[], key: string): string | undefined {
  return list.find((h) => h.key === key)?.value;
}

describe("contentSecurityPolicy", () => {
  it("has the required directives", () => {
    const d = directives(contentSecurityPolicy());
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
  });

  it("allows Next's inline bootstrap scripts without nonces, and no eval in production", () => {
    const d = directives(contentSecurityPolicy());
    expect(d.get("script-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(contentSecurityPolicy()).not.toContain("nonce-");
    expect(contentSecurityPolicy()).not.toContain("unsafe-eval");
  });

  it("adds eval only for development", () => {
    expect(directives(contentSecurityPolicy({ development: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("lets forms reach configured OAuth providers", () => {
    const d = directives(contentSecurityPolicy({ formActionOrigins: ["https://github.com"] }));
    expect(d.get("form-action")).toEqual(["'self'", "https://github.com"]);
  });

  it("upgrades insecure requests only on an https site", () => {
    expect(contentSecurityPolicy({ siteUrl: "https://news.example" })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ siteUrl: "http://news.example" })).not.toContain("upgrade-insecure-requests");
  });
});

describe("securityHeaders", () => {
  it("sets the hardening headers", () => {
    const list = securityHeaders();
    expect(header(list, "X-Content-Type-Options")).toBe("nosniff");
    expect(header(list, "Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(header(list, "Permissions-Policy")).toContain("camera=()");
    expect(header(list, "Content-Security-Policy")).toContain("default-src 'self'");
    expect(header(list, "X-Powered-By")).toBeUndefined();
  });

  it("sends HSTS only when the site is served over https", () => {
    expect(header(securityHeaders(), "Strict-Transport-Security")).toBeUndefined();
    expect(header(securityHeaders({ siteUrl: "http://localhost:3000" }), "Strict-Transport-Security")).toBeUndefined();
    expect(header(securityHeaders({ siteUrl: "https://news.example" }), "Strict-Transport-Security")).toBe(
      "max-age=31536000; includeSubDomains",
    );
  });

  it("treats an unparsable SITE_URL as not https", () => {
    expect(isHttpsSite("not a url")).toBe(false);
    expect(isHttpsSite(undefined)).toBe(false);
  });
});
