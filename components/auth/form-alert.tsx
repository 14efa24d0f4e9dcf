import type { FieldErrors } from "@/lib/form-state";

/**
 * The form's error summary, the one `role="alert"` inside the form: the
 * general message and every field's message, so a screen reader hears them all.
 */
export function FormAlert({ message, errors }: { message?: string; errors?: FieldErrors }) {
  const fieldMessages = Object.values(errors ?? {}).filter((m): m is string => Boolean(m));
  if (!message && fieldMessages.length === 0) return null;
  return (
    <div role="alert" className="alert">
      {message ? <p>{message}</p> : null}
      {fieldMessages.length === 1 && !message ? <p>{fieldMessages[0]}</p> : null}
      {fieldMessages.length > 1 || (message && fieldMessages.length > 0) ? (
        <ul>
          {fieldMessages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
