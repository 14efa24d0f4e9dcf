"use client";

import Link from "next/link";
import { useActionState } from "react";
import { deleteAccountAction } from "@/app/(signed-in)/account/actions";
import type { FormState } from "@/lib/form-state";
import { FormAlert } from "@/components/auth/form-alert";
import { FormField } from "@/components/auth/form-field";

export function DeleteAccountForm() {
  const [state, formAction, pending] = useActionState<FormState, FormData>(deleteAccountAction, { ok: false });
  return (
    <form action={formAction} className="form" noValidate aria-busy={pending || undefined}>
      <FormAlert message={state.message} errors={state.errors} />
      <FormField
        id="delete-password"
        label="Password"
        hint="Enter your password to confirm it is you."
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={state.errors?.password}
      />
      <div className="actions">
        <button type="submit" className="button button--danger button--primary" aria-disabled={pending || undefined}>
          Delete my account
        </button>
        <Link href="/account">Cancel</Link>
      </div>
    </form>
  );
}
