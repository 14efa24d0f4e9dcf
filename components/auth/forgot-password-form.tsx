"use client";

import { useActionState } from "react";
import { requestPasswordResetAction } from "@/app/(auth)/actions";
import type { FormState } from "@/lib/form-state";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";

export function ForgotPasswordForm() {
  const [state, formAction, pending] = useActionState<FormState, FormData>(requestPasswordResetAction, { ok: false });
  return (
    <form action={formAction} className="form" noValidate aria-busy={pending || undefined}>
      <FormAlert message={state.ok ? undefined : state.message} errors={state.errors} />
      {state.ok && state.message ? (
        <p role="status" className="notice">
          {state.message}
        </p>
      ) : null}
      <FormField
        id="forgot-email"
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        defaultValue={state.values?.email ?? ""}
        error={state.errors?.email}
      />
      <div className="actions">
        <button type="submit" className="button button--primary" aria-disabled={pending || undefined}>
          Send reset link
        </button>
      </div>
    </form>
  );
}
