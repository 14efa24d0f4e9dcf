"use client";

import Link from "next/link";
import { useActionState } from "react";
import { resetPasswordAction } from "@/app/(auth)/actions";
import type { FormState } from "@/lib/form-state";
import { PASSWORD_MIN } from "@/lib/account-limits";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(resetPasswordAction, { ok: false });
  if (state.errors?.token) return <ResetLinkRefused message={state.errors.token} />;
  return (
    <form action={formAction} className="form" noValidate aria-busy={pending || undefined}>
      <FormAlert message={state.message} errors={state.errors} />
      <input type="hidden" name="token" value={token} />
      <FormField
        id="reset-password"
        label="New password"
        hint={`At least ${PASSWORD_MIN} characters.`}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={state.errors?.password}
      />
      <div className="actions">
        <button type="submit" className="button button--primary" aria-disabled={pending || undefined}>
          Set new password
        </button>
      </div>
    </form>
  );
}

/** A link that cannot be used (forged, used, expired), and the way to a new one. */
export function ResetLinkRefused({ message }: { message: string }) {
  return (
    <div className="form">
      <div role="alert" className="alert">
        <p>{message}</p>
      </div>
      <p>
        <Link href="/forgot-password">Send me a new link</Link>
      </p>
    </div>
  );
}
