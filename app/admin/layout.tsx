import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { requireCapability } from "@/app/_lib/guards";
import { signOutAction } from "@/app/(auth)/actions";
import { can } from "@/lib/roles";
import { SITE_NAME } from "@/lib/site";
import { AdminNav } from "./admin-nav";
import styles from "./admin-chrome.module.css";

export const metadata: Metadata = {
  title: { default: "Admin", template: `%s | Admin | ${SITE_NAME}` },
  robots: { index: false },
};

/**
 * The staff area, for those who moderate or write (lib/roles.ts). Signed-out
 * visitors go to /signin; readers get a 404, as if it did not exist. This only guards the pages: every admin action checks the
 * role again on its own first lines.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await requireCapability("staff-area", { callbackUrl: "/admin" });
  const moderates = can(viewer, "moderate");
  const items = [
    ...(moderates ? [{ href: "/admin", label: "Dashboard" }] : []),
    ...(moderates ? [{ href: "/admin/moderation", label: "Moderation" }] : []),
    ...(moderates ? [{ href: "/admin/users", label: "Users" }] : []),
    { href: "/admin/articles", label: "Stories" },
    ...(moderates ? [{ href: "/admin/log", label: "Log" }] : []),
    ...(can(viewer, "manage-sections") ? [{ href: "/admin/sections", label: "Sections" }] : []),
    ...(can(viewer, "administer") ? [{ href: "/admin/settings", label: "Settings" }] : []),
  ];
  return (
    <>
      <header className={styles.bar}>
        <div className={`page ${styles.barInner}`}>
          <Link href="/admin" className={styles.brand}>
            {SITE_NAME} <span>Newsroom admin</span>
          </Link>
          <div className={styles.who}>
            <Link href="/account">{viewer.name}</Link>
            <Link href="/">View site</Link>
            <form action={signOutAction}>
              <button type="submit" className="link-button">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <AdminNav items={items} />
      <main id="main" tabIndex={-1} className={`page ${styles.main}`}>
        {children}
      </main>
    </>
  );
}
