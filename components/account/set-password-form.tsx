"use client";

import { useActionState } from "react";
import { setPasswordAction } from "@/app/(signed-in)/account/actions";
import type { FormState } from "@/lib/form-state";
import { FormAlert } from "@/components/auth/form-alert";
import { FormField } from "@/components/auth/form-field";
import { PASSWORD_MIN } from "@/lib/account-limits";

/** For accounts made through GitHub or Google: a password lets them sign in by email and delete the account. */
export function SetPasswordForm() {
  const [state, formAction, pending] = useActionState<FormState, FormData>(setPasswordAction, { ok: false });
  return (
    <form action={formAction} className="form" noValidate aria-busy={pending || undefined}>
      <FormAlert message={state.ok ? undefined : state.message} errors={state.errors} />
      {state.ok && state.message ? (
        <p role="status" className="notice">
          {state.message}
        </p>
      ) : null}
      <FormField
        id="account-set-password"
        label="New password"
        hint={`At least ${PASSWORD_MIN} characters.`}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        error={state.errors?.newPassword}
      />
      <div className="actions">
        <button type="submit" className="button" aria-disabled={pending || undefined}>
          Set password
        </button>
      </div>
    </form>
  );
}
