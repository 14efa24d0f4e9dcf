"use client";

import { useActionState } from "react";
import { updateNameAction } from "@/app/(signed-in)/account/actions";
import type { FormState } from "@/lib/form-state";
import { FormAlert } from "@/components/auth/form-alert";
import { FormField } from "@/components/auth/form-field";
import { NAME_MAX, NAME_MIN } from "@/lib/account-limits";

export function UpdateNameForm({ name }: { name: string }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(updateNameAction, { ok: false });
  return (
    <form action={formAction} className="form" noValidate aria-busy={pending || undefined}>
      <FormAlert message={state.ok ? undefined : state.message} errors={state.errors} />
      {state.ok && state.message ? (
        <p role="status" className="notice">
          {state.message}
        </p>
      ) : null}
      <FormField
        id="account-name"
        label="Display name"
        hint={`Shown with your comments. ${NAME_MIN}–${NAME_MAX} characters.`}
        name="name"
        autoComplete="nickname"
        required
        defaultValue={state.values?.name ?? name}
        error={state.errors?.name}
      />
      <div className="actions">
        <button type="submit" className="button" aria-disabled={pending || undefined}>
          Save name
        </button>
      </div>
    </form>
  );
}
