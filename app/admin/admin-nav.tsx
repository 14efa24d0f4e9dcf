"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import styles from "./admin-chrome.module.css";

type Item = { href: string; label: string };

/** The staff area's navigation; marks the current section for assistive tech. */
export function AdminNav({ items }: { items: Item[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className={styles.nav}>
      <ul>
        {items.map((item) => {
          const current = item.href === "/admin" ? pathname === "/admin" : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link href={item.href} aria-current={current ? "page" : undefined}>
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
