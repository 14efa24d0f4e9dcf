"use client";

import type { ReactNode } from "react";
import { useHydrated } from "./use-hydrated";

/** Hidden fields every comment form sends: the article, the view to return to, and whether JS is running. */
export function CommonFields({ slug, returnTo }: { slug: string; returnTo: string }) {
  const hydrated = useHydrated();
  return (
    <>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="returnTo" value={returnTo} />
      {hydrated ? <input type="hidden" name="js" value="1" /> : null}
    </>
  );
}

/** The one role="alert" of a form: its errors, and nothing else. */
export function FormErrors({ id, messages }: { id: string; messages: (string | undefined)[] }) {
  const list = messages.filter((m): m is string => Boolean(m));
  if (list.length === 0) return null;
  return (
    <div id={id} role="alert" className="alert">
      {list.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}

/**
 * A submit button that stays focusable while its form is pending (a disabled
 * button would drop focus to the page); a second press is ignored instead.
 */
export function SubmitButton({
  pending,
  className,
  children,
  autoFocus,
}: {
  pending: boolean;
  className: string;
  children: ReactNode;
  autoFocus?: boolean;
}) {
  return (
    <button
      type="submit"
      className={className}
      aria-disabled={pending || undefined}
      autoFocus={autoFocus}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
    >
      {children}
    </button>
  );
}
