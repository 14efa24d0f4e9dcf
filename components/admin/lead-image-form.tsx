"use client";

import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/form-state";
import { FormMessage } from "./form-message";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/**
 * `Image`, `Image description`, `Image credit`, `Save image`: a multipart form
 * to a server action (React adds the encoding), so it works with JavaScript off.
 */
export function LeadImageForm({
  action,
  slug,
  description,
  credit,
}: {
  action: Action;
  slug: string;
  description: string;
  credit: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const e = state.errors ?? {};
  const v = state.values;
  return (
    <form action={formAction} className="form" aria-label="Lead image">
      <input type="hidden" name="slug" value={slug} />
      <div className="field">
        <label htmlFor="lead-image-file">Image</label>
        <input
          key={state.doneAt ?? "file"}
          id="lead-image-file"
          name="image"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          required
          aria-invalid={e.image ? true : undefined}
          aria-describedby={e.image ? "lead-image-file-error" : "lead-image-file-hint"}
        />
        <p id="lead-image-file-hint" className="field__hint">
          JPEG, PNG or WebP, up to 10 MB. Location and camera details are removed.
        </p>
        {e.image ? (
          <p id="lead-image-file-error" role="alert" className="field__error">
            {e.image}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="lead-image-description">Image description</label>
        <input
          id="lead-image-description"
          name="imageDescription"
          type="text"
          required
          maxLength={300}
          defaultValue={v?.imageDescription ?? description}
          key={`d-${state.doneAt ?? ""}-${v?.imageDescription ?? description}`}
          aria-invalid={e.imageDescription ? true : undefined}
          aria-describedby={e.imageDescription ? "lead-image-description-error" : "lead-image-description-hint"}
        />
        <p id="lead-image-description-hint" className="field__hint">
          What the picture shows, for readers who cannot see it.
        </p>
        {e.imageDescription ? (
          <p id="lead-image-description-error" role="alert" className="field__error">
            {e.imageDescription}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="lead-image-credit">Image credit</label>
        <input
          id="lead-image-credit"
          name="imageCredit"
          type="text"
          maxLength={200}
          defaultValue={v?.imageCredit ?? credit}
          key={`c-${state.doneAt ?? ""}-${v?.imageCredit ?? credit}`}
          aria-invalid={e.imageCredit ? true : undefined}
          aria-describedby={e.imageCredit ? "lead-image-credit-error" : undefined}
        />
        {e.imageCredit ? (
          <p id="lead-image-credit-error" role="alert" className="field__error">
            {e.imageCredit}
          </p>
        ) : null}
      </div>
      <div className="actions">
        <button type="submit" className="button button--small" disabled={pending}>
          {pending ? "Saving…" : "Save image"}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
