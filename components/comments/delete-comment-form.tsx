"use client";

import Link from "next/link";
import { useActionState } from "react";
import { deleteComment } from "@/app/(signed-in)/comment-actions";
import type { FormState } from "@/lib/form-state";
import { CommonFields, FormErrors, SubmitButton } from "./form-bits";
import styles from "./comments.module.css";

const initial: FormState = { ok: false };

/** The small confirmation step of Delete (a view of its own without JS, inline with it). */
export function DeleteCommentForm({
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
  const [state, formAction, pending] = useActionState(deleteComment, initial);
  return (
    <form action={formAction} className={styles.confirm} aria-busy={pending || undefined}>
      <CommonFields slug={slug} returnTo={returnTo} />
      <input type="hidden" name="commentId" value={commentId} />
      <FormErrors id={`delete-${commentId}-error`} messages={state.ok ? [] : [state.message]} />
      <p className={styles.confirmText}>Delete this comment? This can&rsquo;t be undone.</p>
      <div className="actions">
        <SubmitButton pending={pending} className="button button--danger button--primary button--small" autoFocus>
          Confirm delete
        </SubmitButton>
        <Link href={cancelHref} scroll={false} className="button button--quiet button--small">
          Cancel
        </Link>
      </div>
    </form>
  );
}
