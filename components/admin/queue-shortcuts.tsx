"use client";

import { useEffect } from "react";
import { useSearchParams } from "next/navigation";

const FOCUS_KEY = "broadsheet:queue-focus";

function queueItems(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>("[data-queue-item]"));
}

/**
 * Keyboard shortcuts for the moderation queue: j/k move between items,
 * a approves and r rejects the current one, and focus then lands on the item
 * that took its place. Keys typed into a field are left alone. Without JS the
 * queue is the same list of plain forms.
 */
export function QueueShortcuts() {
  const params = useSearchParams();

  // After a decision made from the keyboard, carry on where the list now stands.
  useEffect(() => {
    const raw = sessionStorage.getItem(FOCUS_KEY);
    if (raw === null) return;
    sessionStorage.removeItem(FOCUS_KEY);
    const list = queueItems();
    const next = list[Math.min(Number(raw), list.length - 1)];
    next?.focus();
  }, [params]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const list = queueItems();
      if (list.length === 0) return;
      const active = document.activeElement;
      const here = list.find((el) => el === active || el.contains(active)) ?? null;
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
          sessionStorage.setItem(FOCUS_KEY, String(index));
          button.click();
        }
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return null;
}
