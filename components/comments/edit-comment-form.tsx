"use client";

import Link from "next/link";
import { useActionState } from "react";
import { editComment } from "@/app/(signed-in)/comment-actions";
import type { FormState } from "@/lib/form-state";
import { CommonFields, FormErrors, SubmitButton } from "./form-bits";
import styles from "./comments.module.css";

const initial: FormState = { ok: false };

export function EditCommentForm({
  slug,
  returnTo,
  commentId,
  body,
  cancelHref,
}: {
  slug: string;
  returnTo: string;
  commentId: number;
  body: string;
  cancelHref: string;
}) {
  const [state, formAction, pending] = useActionState(editComment, initial);
  const fieldId = `edit-body-${commentId}`;
  const errorId = `${fieldId}-error`;
  const hasError = !state.ok && Boolean(state.message || state.errors?.body);
  return (
    <form action={formAction} className={styles.form} noValidate aria-busy={pending || undefined}>
      <CommonFields slug={slug} returnTo={returnTo} />
      <input type="hidden" name="commentId" value={commentId} />
      <label htmlFor={fieldId} className={styles.formLabel}>
        Edit comment
      </label>
      <FormErrors id={errorId} messages={state.ok ? [] : [state.message, state.errors?.body]} />
      <textarea
        id={fieldId}
        name="body"
        rows={4}
        defaultValue={state.values?.body ?? body}
        aria-invalid={hasError || undefined}
        aria-describedby={hasError ? errorId : undefined}
        autoFocus
        className={styles.textarea}
      />
      <div className="actions">
        <SubmitButton pending={pending} className="button button--primary button--small">
          Save
        </SubmitButton>
        <Link href={cancelHref} scroll={false} className="button button--quiet button--small">
          Cancel
        </Link>
      </div>
    </form>
  );
}
