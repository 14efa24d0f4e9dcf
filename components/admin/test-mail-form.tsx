"use client";

import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/form-state";
import { FormMessage } from "./form-message";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

export function TestMailForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} aria-label="Test mail">
      <button type="submit" className="button" disabled={pending}>
        Send a test mail
      </button>
      <FormMessage state={state} />
    </form>
  );
}
