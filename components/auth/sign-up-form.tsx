"use client";

import { useActionState } from "react";
import { signUpAction } from "@/app/(auth)/actions";
import type { FormState } from "@/lib/form-state";
import { NAME_MAX, NAME_MIN, PASSWORD_MIN } from "@/lib/account-limits";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";

const initial: FormState = { ok: false };

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(signUpAction, initial);
  return (
    <form action={formAction} className="form" noValidate aria-busy={pending || undefined}>
      <FormAlert message={state.message} errors={state.errors} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormField
        id="signup-name"
        label="Display name"
        hint={`Shown with your comments. ${NAME_MIN}–${NAME_MAX} characters.`}
        name="name"
        autoComplete="nickname"
        required
        defaultValue={state.values?.name ?? ""}
        error={state.errors?.name}
      />
      <FormField
        id="signup-email"
        label="Email"
        hint="Never shown to other readers."
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        defaultValue={state.values?.email ?? ""}
        error={state.errors?.email}
      />
      <FormField
        id="signup-password"
        label="Password"
        hint={`At least ${PASSWORD_MIN} characters. A short phrase is easy to remember and hard to guess.`}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={state.errors?.password}
      />
      <div className="actions">
        <button type="submit" className="button button--primary" aria-disabled={pending || undefined}>
          Create account
        </button>
      </div>
    </form>
  );
}
