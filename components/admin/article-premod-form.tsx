"use client";

import { useActionState } from "react";
import type { PremodMode } from "@/lib/vocabulary";
import { initialFormState, type FormState } from "@/lib/form-state";
import { FormMessage } from "./form-message";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

export function ArticlePremodForm({
  action,
  slug,
  current,
  siteModeLabel,
}: {
  action: Action;
  slug: string;
  current: PremodMode | null;
  siteModeLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const options = [
    ["site", `Follow the site setting (${siteModeLabel})`],
    ["off", "Off"],
    ["new", "New readers"],
    ["all", "Everyone"],
  ] as const;
  return (
    <form action={formAction} className="form" aria-label="Article pre-moderation">
      <input type="hidden" name="slug" value={slug} />
      <fieldset className="fieldset">
        <legend>Pre-moderation on this article</legend>
        {options.map(([value, label]) => (
          <label key={value} className="choice">
            <input type="radio" name="mode" value={value} defaultChecked={(current ?? "site") === value} />
            {label}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button button--small" disabled={pending}>
          Save pre-moderation
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
