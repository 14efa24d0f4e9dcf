"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * A section link that marks itself as the current page. Matches both the
 * public path and the cached twin's (`/cached/sections/x/1`), since the
 * server may render either for the same URL.
 */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname() ?? "";
  const current =
    href === "/"
      ? pathname === "/" || pathname.startsWith("/cached/front")
      : new RegExp(`(^|/)${href.slice(1).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(/|$)`).test(pathname);
  return (
    <Link href={href} aria-current={current ? "page" : undefined}>
      {children}
    </Link>
  );
}
