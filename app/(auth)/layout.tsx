import type { ReactNode } from "react";
import { getViewer } from "@/app/_lib/guards";
import { SiteChrome } from "@/components/site/site-chrome";

/** Sign-in and sign-up sit under the masthead like every other page. */
export default async function AuthLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  return <SiteChrome viewer={viewer}>{children}</SiteChrome>;
}
