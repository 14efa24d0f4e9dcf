"use client";

import { useEffect } from "react";

/**
 * Keyboard shortcuts for the moderation queue: j/k move between items,
 * a approves and r rejects the current one. Keys typed into a field are left
 * alone. Without JS the queue is the same list of plain forms.
 */
export function QueueShortcuts() {
  useEffect(() => {
    const items = () => Array.from(document.querySelectorAll<HTMLElement>("[data-queue-item]"));
    const current = () => {
      const active = document.activeElement;
      return items().find((el) => el === active || el.contains(active)) ?? null;
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const list = items();
      if (list.length === 0) return;
      const here = current();
      const index = here ? list.indexOf(here) : -1;
      if (event.key === "j" || event.key === "k") {
        event.preventDefault();
        const next = event.key === "j" ? Math.min(index + 1, list.length - 1) : Math.max(index - 1, 0);
        list[next]?.focus();
        list[next]?.scrollIntoView({ block: "nearest" });
      } else if ((event.key === "a" || event.key === "r") && here) {
        const button = here.querySelector<HTMLButtonElement>(
          `button[data-shortcut="${event.key === "a" ? "approve" : "reject"}"]`,
        );
        if (button && !button.disabled) {
          event.preventDefault();
          button.click();
        }
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return null;
}
