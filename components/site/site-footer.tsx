import Link from "next/link";
import type { Section } from "@/lib/sections";
import { sectionHref } from "@/lib/slug";
import { SITE_NAME } from "@/lib/site";

export function SiteFooter({ sections }: { sections: Section[] }) {
  return (
    <footer className="site-footer">
      <div className="page site-footer__inner">
        <p className="site-footer__brand">{SITE_NAME}</p>
        <nav aria-label="Footer">
          <ul>
            {sections.map((section) => (
              <li key={section.id}>
                <Link href={sectionHref(section.name)}>{section.name}</Link>
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
