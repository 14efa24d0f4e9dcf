"use client";

import { useActionState } from "react";
import { toggleLike, type LikeState } from "@/app/(signed-in)/comment-actions";
import { CommonFields } from "./form-bits";
import { likeLabel } from "@/lib/text";
import styles from "./comments.module.css";

/** `Like` as a toggle button (aria-pressed); a plain form, so it works without JS too. */
export function LikeButton({
  slug,
  returnTo,
  commentId,
  liked,
  likeCount,
}: {
  slug: string;
  returnTo: string;
  commentId: number;
  liked: boolean;
  likeCount: number;
}) {
  const [state, formAction, pending] = useActionState(toggleLike, { ok: true, liked, likeCount } satisfies LikeState);
  const isLiked = state.liked ?? liked;
  const count = state.likeCount ?? likeCount;
  return (
    <form action={formAction} className={styles.likeForm} aria-busy={pending || undefined}>
      <CommonFields slug={slug} returnTo={returnTo} />
      <input type="hidden" name="commentId" value={commentId} />
      <button
        type="submit"
        className={styles.likeButton}
        aria-pressed={isLiked}
        aria-disabled={pending || undefined}
        onClick={(event) => {
          // Keeps focus on the button while the like is saved; a second press waits.
          if (pending) event.preventDefault();
        }}
      >
        <span aria-hidden="true" className={styles.heart}>
          {isLiked ? "♥" : "♡"}
        </span>
        Like
      </button>
      {count > 0 ? <span className={styles.likeCount}>{likeLabel(count)}</span> : null}
      {!state.ok && state.message ? (
        <p role="alert" className={`alert ${styles.inlineAlert}`}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
