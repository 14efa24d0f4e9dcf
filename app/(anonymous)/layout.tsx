import type { ReactNode } from "react";
import { SiteChrome } from "@/components/site/site-chrome";

/** Cached anonymous twins: the same chrome as a signed-out reader sees. Never reads cookies or headers. */
export default function CachedLayout({ children }: { children: ReactNode }) {
  return <SiteChrome viewer={null}>{children}</SiteChrome>;
}
