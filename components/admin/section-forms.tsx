"use client";

import { useActionState, useId } from "react";
import { initialFormState, type FormState } from "@/lib/form-state";
import { FormMessage } from "./form-message";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** `Section name` + `Add section`; the typed name is kept when it is refused. */
export function AddSectionForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const error = state.errors?.name;
  return (
    <form action={formAction} className="form" aria-label="Add a section">
      <div className="field">
        <label htmlFor="section-name">Section name</label>
        <input
          key={state.doneAt ?? "new"}
          id="section-name"
          name="name"
          type="text"
          required
          maxLength={80}
          autoComplete="off"
          defaultValue={state.ok ? "" : (state.values?.name ?? "")}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "section-name-error" : undefined}
        />
        {error ? (
          <p id="section-name-error" role="alert" className="field__error">
            {error}
          </p>
        ) : null}
      </div>
      <div className="actions">
        <button type="submit" className="button button--small" disabled={pending}>
          Add section
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/** One section's name with a `Rename` button. */
export function RenameSectionForm({ action, id, name }: { action: Action; id: number; name: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const inputId = useId();
  const error = state.errors?.name;
  return (
    <form action={formAction} className="section-rename" aria-label={`Rename ${name}`}>
      <input type="hidden" name="id" value={id} />
      <label htmlFor={inputId} className="visually-hidden">
        Name of {name}
      </label>
      <input
        key={state.ok ? `${state.values?.name}` : name}
        id={inputId}
        name="name"
        type="text"
        required
        maxLength={80}
        autoComplete="off"
        defaultValue={state.values?.name ?? name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
      />
      <button type="submit" className="button button--small button--quiet" disabled={pending}>
        Rename
      </button>
      {error ? (
        <p id={`${inputId}-error`} role="alert" className="field__error">
          {error}
        </p>
      ) : null}
      {state.ok && state.message ? (
        <p role="status" className="field__hint">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
