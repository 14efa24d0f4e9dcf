import type { FormState } from "@/lib/form-state";

/** The result of a staff form: errors in role=alert, success in role=status, inside the form. */
export function FormMessage({ state }: { state: FormState }) {
  if (!state.message) return null;
  return state.ok ? (
    <p role="status" className="notice">
      {state.message}
    </p>
  ) : (
    <p role="alert" className="alert">
      {state.message}
    </p>
  );
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="field__error">
      {error}
    </p>
  );
}
