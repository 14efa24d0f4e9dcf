import type { z } from "zod";

/**
 * What every form action returns to `useActionState`, and what its form renders
 * (with or without JavaScript): errors in role=alert, success in role=status.
 */
export type FormState = {
  ok: boolean;
  message?: string;
  /** The first message per field, keyed by the input's name. */
  errors?: FieldErrors;
  /** What the person typed, handed back so nothing is lost (never a password). */
  values?: Partial<Record<string, string>>;
  /** Changes on every success so a client form can reset itself. */
  doneAt?: number;
};

export type FieldErrors = Partial<Record<string, string>>;

export const initialFormState: FormState = { ok: false };

/** The first message per field, the shape the forms render under each input. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

/** A text field of a submitted form; "" when it is missing or a file. */
export function formText(formData: FormData, key: string): string {
  const value = formData.get(key);
  return typeof value === "string" ? value : "";
}

/** Every text field of a submitted form (files are left out). */
export function formTexts(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string") out[key] = value;
  return out;
}
