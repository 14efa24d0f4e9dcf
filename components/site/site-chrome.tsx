import type { ReactNode } from "react";
import type { Viewer } from "@/lib/viewer";
import { SiteFooter } from "./site-footer";
import { SiteHeader } from "./site-header";

/** Header, the main landmark (target of the skip link) and footer around a page. */
export function SiteChrome({
  viewer,
  searchQuery,
  children,
}: {
  viewer: Viewer | null;
  searchQuery?: string;
  children: ReactNode;
}) {
  return (
    <>
      <SiteHeader viewer={viewer} searchQuery={searchQuery} />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
