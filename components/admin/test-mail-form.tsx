"use client";

import { useActionState } from "react";
import { initialAdminFormState, type AdminFormState } from "./form-state";
import { FormMessage } from "./form-message";

type Action = (prev: AdminFormState, formData: FormData) => Promise<AdminFormState>;

export function TestMailForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, initialAdminFormState);
  return (
    <form action={formAction} aria-label="Test mail">
      <button type="submit" className="button" disabled={pending}>
        Send a test mail
      </button>
      <FormMessage state={state} />
    </form>
  );
}
