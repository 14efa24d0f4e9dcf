import type { ReactNode } from "react";
import { getViewer } from "@/app/_lib/guards";
import { SiteChrome } from "@/components/site/site-chrome";

/** Live pages: rendered per request for signed-in readers (the proxy sends anonymous GETs to the cached twins). */
export default async function SiteLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  return <SiteChrome viewer={viewer}>{children}</SiteChrome>;
}
