"use client";

import Link from "next/link";
import { useActionState } from "react";
import { reportComment } from "@/app/(signed-in)/comment-actions";
import type { FormState } from "@/lib/form-state";
import { CommonFields, FormErrors, SubmitButton } from "./form-bits";
import styles from "./comments.module.css";

const initial: FormState = { ok: false };

const REASONS = [
  { value: "spam", label: "Spam" },
  { value: "abuse", label: "Abuse" },
  { value: "off-topic", label: "Off-topic" },
  { value: "other", label: "Other" },
] as const;

export function ReportCommentForm({
  slug,
  returnTo,
  commentId,
  cancelHref,
}: {
  slug: string;
  returnTo: string;
  commentId: number;
  cancelHref: string;
}) {
  const [state, formAction, pending] = useActionState(reportComment, initial);
  if (state.ok) {
    return (
      <p role="status" className={`notice ${styles.formStatus}`}>
        {state.message}
      </p>
    );
  }
  const base = `report-${commentId}`;
  const chosen = state.values?.reason || "spam";
  return (
    <form
      action={formAction}
      className={`${styles.form} ${styles.reportForm}`}
      noValidate
      aria-busy={pending || undefined}
    >
      <CommonFields slug={slug} returnTo={returnTo} />
      <input type="hidden" name="commentId" value={commentId} />
      <FormErrors id={`${base}-error`} messages={[state.message, state.errors?.reason, state.errors?.note]} />
      <fieldset className={`fieldset ${styles.reasons}`} role="radiogroup" aria-labelledby={`${base}-legend`}>
        <legend id={`${base}-legend`} className={styles.formLabel}>
          Reason
        </legend>
        {REASONS.map((r) => (
          <label key={r.value} className={`choice ${styles.reason}`}>
            <input type="radio" name="reason" value={r.value} defaultChecked={chosen === r.value} />
            {r.label}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${base}-note`} className={styles.formLabel}>
          Note
        </label>
        <p id={`${base}-note-hint`} className="field__hint">
          Optional: anything the moderators should know.
        </p>
        <textarea
          id={`${base}-note`}
          name="note"
          rows={2}
          defaultValue={state.values?.note ?? ""}
          aria-describedby={`${base}-note-hint`}
          className={styles.textarea}
        />
      </div>
      <div className="actions">
        <SubmitButton pending={pending} className="button button--primary button--small">
          Send report
        </SubmitButton>
        <Link href={cancelHref} scroll={false} className="button button--quiet button--small">
          Cancel
        </Link>
      </div>
    </form>
  );
}
