"use client";

import Link from "next/link";
import { useActionState } from "react";
import { confirmEmailAction } from "@/app/(auth)/actions";
import type { FormState } from "@/lib/form-state";

/**
 * The button that uses a confirmation link. `refusal` is what the page found
 * wrong with the link; after a successful confirmation the page finds it used,
 * so the action's answer is shown first.
 */
export function ConfirmEmailForm({ token, refusal }: { token: string; refusal?: string }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(confirmEmailAction, { ok: false });
  if (state.ok) {
    return (
      <div className="form">
        <p role="status" className="notice">
          {state.message}
        </p>
        <p>
          <Link href="/account">Go to your account</Link>
        </p>
      </div>
    );
  }
  if (refusal || state.message) {
    return (
      <div className="form">
        <div role="alert" className="alert">
          <p>{state.message ?? refusal}</p>
        </div>
        <p>
          Signed in? <Link href="/account">Send a new link from your account</Link>.
        </p>
      </div>
    );
  }
  return (
    <form action={formAction} className="form" noValidate aria-busy={pending || undefined}>
      <input type="hidden" name="token" value={token} />
      <div className="actions">
        <button type="submit" className="button button--primary" aria-disabled={pending || undefined}>
          Confirm my email
        </button>
      </div>
    </form>
  );
}
