"use client";

import { useActionState } from "react";
import { resendConfirmationAction } from "@/app/(signed-in)/account/actions";
import type { FormState } from "@/lib/form-state";
import { FormAlert } from "@/components/auth/form-alert";

/** `Send confirmation again`, on /account and in place of the comment form when confirmation is required. */
export function ResendConfirmationForm() {
  const [state, formAction, pending] = useActionState<FormState, FormData>(resendConfirmationAction, { ok: false });
  return (
    <form action={formAction} className="form" noValidate aria-busy={pending || undefined}>
      <FormAlert message={state.ok ? undefined : state.message} />
      {state.ok && state.message ? (
        <p role="status" className="notice">
          {state.message}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button" aria-disabled={pending || undefined}>
          Send confirmation again
        </button>
      </div>
    </form>
  );
}
