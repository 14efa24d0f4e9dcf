import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { requireRole } from "@/app/_lib/guards";
import { signOutAction } from "@/app/(auth)/actions";
import { canManageNewsroom } from "@/lib/newsroom-access";
import { SITE_NAME } from "@/lib/site";
import { AdminNav } from "./admin-nav";
import styles from "./admin-chrome.module.css";

export const metadata: Metadata = {
  title: { default: "Admin", template: `%s | Admin | ${SITE_NAME}` },
  robots: { index: false },
};

/**
 * The staff area. Signed-out visitors go to /signin; readers get a 404, as if
 * it did not exist. This only guards the pages: every admin action checks the
 * role again on its own first lines.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await requireRole("moderator", { callbackUrl: "/admin" });
  const items = [
    { href: "/admin", label: "Dashboard" },
    { href: "/admin/moderation", label: "Moderation" },
    { href: "/admin/users", label: "Users" },
    { href: "/admin/articles", label: "Articles" },
    { href: "/admin/log", label: "Log" },
    ...(canManageNewsroom(viewer) ? [{ href: "/admin/sections", label: "Sections" }] : []),
    ...(viewer.role === "admin" ? [{ href: "/admin/settings", label: "Settings" }] : []),
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
