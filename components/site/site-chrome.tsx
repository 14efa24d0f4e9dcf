import type { ReactNode } from "react";
import { listVisibleSections } from "@/db/queries/sections";
import { countUnreadNotifications } from "@/db/queries/notifications";
import type { Viewer } from "@/lib/viewer";
import { SiteFooter } from "./site-footer";
import { SiteHeader } from "./site-header";

/** Header, the main landmark (target of the skip link) and footer around a page. */
export async function SiteChrome({
  viewer,
  searchQuery,
  children,
}: {
  viewer: Viewer | null;
  searchQuery?: string;
  children: ReactNode;
}) {
  // Sections come from the database (/admin/sections); every cached page carries the
  // "articles" tag, which a section change expires (app/admin/sections/actions.ts).
  const sections = await listVisibleSections();
  // Only pages rendered for a signed-in reader have a viewer; cached pages never count.
  const unread = viewer ? countUnreadNotifications({ userId: viewer.id }) : 0;
  return (
    <>
      <SiteHeader viewer={viewer} unread={unread} searchQuery={searchQuery} sections={sections} />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter sections={sections} />
    </>
  );
}
