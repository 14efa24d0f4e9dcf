"use client";

import Link from "next/link";
import { useActionState } from "react";
import { confirmEmailAction } from "@/app/(auth)/actions";
import type { FormState } from "@/lib/form-state";
import { FormAlert } from "./form-alert";

export function ConfirmEmailForm({ token, label }: { token: string; label: string }) {
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
  return (
    <form action={formAction} className="form" noValidate aria-busy={pending || undefined}>
      <FormAlert message={state.message} />
      <input type="hidden" name="token" value={token} />
      <div className="actions">
        <button type="submit" className="button button--primary" aria-disabled={pending || undefined}>
          {label}
        </button>
      </div>
    </form>
  );
}
