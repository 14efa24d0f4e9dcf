import Link from "next/link";
import { SECTIONS, sectionHref } from "@/lib/slug";
import { SITE_NAME } from "@/lib/site";

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="page site-footer__inner">
        <p className="site-footer__brand">{SITE_NAME}</p>
        <nav aria-label="Footer">
          <ul>
            {SECTIONS.map((section) => (
              <li key={section}>
                <Link href={sectionHref(section)}>{section}</Link>
              </li>
            ))}
            <li>
              <a href="/feed.xml">RSS feed</a>
            </li>
          </ul>
        </nav>
        <p>
          {SITE_NAME} is a demonstration site. Its stories, people and places are fictional, except where an article
          says otherwise.
        </p>
      </div>
    </footer>
  );
}
