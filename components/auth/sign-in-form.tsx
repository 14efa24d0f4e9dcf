"use client";

import { useActionState } from "react";
import { signInAction } from "@/app/(auth)/actions";
import type { FormState } from "@/lib/form-state";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";

const initial: FormState = { ok: false };

export function SignInForm({ callbackUrl, initialMessage }: { callbackUrl: string; initialMessage?: string }) {
  const [state, formAction, pending] = useActionState(signInAction, { ...initial, message: initialMessage });
  return (
    <form action={formAction} className="form" noValidate aria-busy={pending || undefined}>
      <FormAlert message={state.message} errors={state.errors} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormField
        id="signin-email"
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        defaultValue={state.values?.email ?? ""}
        error={state.errors?.email}
      />
      <FormField
        id="signin-password"
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={state.errors?.password}
      />
      <div className="actions">
        <button type="submit" className="button button--primary" aria-disabled={pending || undefined}>
          Sign in
        </button>
      </div>
    </form>
  );
}
