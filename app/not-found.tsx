import type { Metadata } from "next";
import Link from "next/link";
import { SiteChrome } from "@/components/site/site-chrome";
import { SECTIONS, sectionHref } from "@/lib/slug";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

export default function NotFound() {
  return (
    <SiteChrome viewer={null}>
      <div className="page page--narrow not-found stack">
        <p className="kicker">Error 404</p>
        <h1 className="page-title">We couldn’t find that page</h1>
        <p className="lede">The story may have moved, or the address may be mistyped.</p>
        <p>
          <Link href="/">Go to the front page</Link> or browse a section:
        </p>
        <ul className="cluster" style={{ justifyContent: "center", listStyle: "none", padding: 0 }}>
          {SECTIONS.map((section) => (
            <li key={section}>
              <Link href={sectionHref(section)}>{section}</Link>
            </li>
          ))}
        </ul>
      </div>
    </SiteChrome>
  );
}
