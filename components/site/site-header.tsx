import Link from "next/link";
import { signOutAction } from "@/app/(auth)/actions";
import type { Viewer } from "@/lib/viewer";
import type { Section } from "@/lib/sections";
import { sectionHref } from "@/lib/slug";
import { SITE_NAME, SITE_TAGLINE } from "@/lib/site";
import { NavLink } from "./nav-link";
import { SiteSearch } from "./site-search";

/**
 * Masthead, section navigation, search and the account area. The viewer is a
 * prop (never read here) so cached pages can render it with `null`;
 * `searchQuery` fills the search box on search pages.
 */
export function SiteHeader({
  viewer,
  unread = 0,
  searchQuery,
  sections,
}: {
  viewer: Viewer | null;
  /** Unread notifications of the viewer. */
  unread?: number;
  searchQuery?: string;
  sections: Section[];
}) {
  const unreadShown = unread > 99 ? "99+" : String(unread);
  return (
    <header className="site-header">
      <div className="page site-header__top">
        <p className="site-header__tagline">{SITE_TAGLINE}</p>
        <SiteSearch query={searchQuery} />
        <div className="account">
          {viewer ? (
            <>
              <Link href="/account" className="account__name">
                {viewer.name}
              </Link>
              {/* The count is in the name ("Notifications 3 unread"), which starts with what is seen. */}
              <Link
                href="/notifications"
                className="account__notifications"
                aria-label={unread > 0 ? `Notifications ${unreadShown} unread` : undefined}
              >
                Notifications
                {unread > 0 ? (
                  <>
                    {" "}
                    <span className="account__badge">{unreadShown}</span>
                  </>
                ) : null}
              </Link>
              <form action={signOutAction}>
                <button type="submit" className="link-button">
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <Link href="/signin">Sign in</Link>
          )}
        </div>
      </div>
      <div className="page masthead">
        <Link href="/" className="masthead__title">
          {SITE_NAME}
        </Link>
      </div>
      <nav aria-label="Sections" className="section-nav">
        <ul className="page">
          <li>
            <NavLink href="/">Front page</NavLink>
          </li>
          {sections.map((section) => (
            <li key={section.id}>
              <NavLink href={sectionHref(section.name)}>{section.name}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
