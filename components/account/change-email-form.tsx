"use client";

import { useActionState } from "react";
import { changeEmailAction } from "@/app/(signed-in)/account/actions";
import type { FormState } from "@/lib/form-state";
import { FormAlert } from "@/components/auth/form-alert";
import { FormField } from "@/components/auth/form-field";

export function ChangeEmailForm() {
  const [state, formAction, pending] = useActionState<FormState, FormData>(changeEmailAction, { ok: false });
  return (
    <form action={formAction} className="form" noValidate aria-busy={pending || undefined}>
      <FormAlert message={state.ok ? undefined : state.message} errors={state.errors} />
      {state.ok && state.message ? (
        <p role="status" className="notice">
          {state.message}
        </p>
      ) : null}
      <FormField
        id="account-new-email"
        label="New email"
        hint="We send a link to the new address; your email changes when you open it."
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        // After a success the field empties; after an error it keeps what was typed.
        key={state.doneAt ?? "email"}
        defaultValue={state.ok ? "" : (state.values?.email ?? "")}
        error={state.errors?.email}
      />
      <FormField
        id="account-email-password"
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={state.errors?.password}
      />
      <div className="actions">
        <button type="submit" className="button" aria-disabled={pending || undefined}>
          Change email
        </button>
      </div>
    </form>
  );
}
