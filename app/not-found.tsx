import type { Metadata } from "next";
import { NotFoundBody } from "@/components/site/not-found-body";
import { SiteChrome } from "@/components/site/site-chrome";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

/** URLs that match no route: only the root layout is around this page, so it brings the chrome. */
export default function NotFound() {
  return (
    <SiteChrome viewer={null}>
      <NotFoundBody />
    </SiteChrome>
  );
}
