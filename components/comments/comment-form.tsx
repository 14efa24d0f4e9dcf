"use client";

import Link from "next/link";
import { useActionState } from "react";
import { postComment, postReply } from "@/app/(signed-in)/comment-actions";
import type { FormState } from "@/lib/form-state";
import { CommonFields, FormErrors, SubmitButton } from "./form-bits";
import styles from "./comments.module.css";

const initial: FormState = { ok: false };

type Props = {
  slug: string;
  returnTo: string;
  /** Set for a reply form. */
  parentId?: number;
  cancelHref?: string;
  autoFocus?: boolean;
};

/** The new-comment form (`Comment` / `Post comment`) and the reply form (`Reply` / `Post reply`). */
export function CommentForm({ slug, returnTo, parentId, cancelHref, autoFocus }: Props) {
  const reply = parentId !== undefined;
  const [state, formAction, pending] = useActionState(reply ? postReply : postComment, initial);
  const fieldId = reply ? `reply-body-${parentId}` : "comment-body";
  const errorId = `${fieldId}-error`;
  const hasError = Boolean(state.message && !state.ok) || Boolean(state.errors?.body);
  return (
    <form
      action={formAction}
      className={`${styles.form} ${reply ? styles.replyForm : ""}`}
      noValidate
      aria-busy={pending || undefined}
    >
      <CommonFields slug={slug} returnTo={returnTo} />
      {reply ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <label htmlFor={fieldId} className={styles.formLabel}>
        {reply ? "Reply" : "Comment"}
      </label>
      <FormErrors id={errorId} messages={state.ok ? [] : [state.message, state.errors?.body]} />
      <textarea
        id={fieldId}
        name="body"
        rows={reply ? 3 : 4}
        defaultValue={state.ok ? "" : (state.values?.body ?? "")}
        aria-invalid={hasError || undefined}
        aria-describedby={hasError ? errorId : undefined}
        autoFocus={autoFocus}
        className={styles.textarea}
        placeholder={reply ? undefined : "Add to the conversation"}
      />
      <div className={styles.formFooter}>
        <p className={styles.hint}>Plain text. Links are allowed; be kind.</p>
        <div className="actions">
          {cancelHref ? (
            <Link href={cancelHref} scroll={false} className="button button--quiet button--small">
              Cancel
            </Link>
          ) : null}
          <SubmitButton pending={pending} className="button button--primary button--small">
            {reply ? "Post reply" : "Post comment"}
          </SubmitButton>
        </div>
      </div>
      {state.ok && state.message ? (
        <p role="status" className={`notice ${styles.formStatus}`}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
