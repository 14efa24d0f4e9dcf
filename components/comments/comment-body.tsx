import { toParagraphs } from "@/lib/comment-text";
import styles from "./comments.module.css";

/**
 * A comment's text as paragraphs with safe links. Every piece is a React text
 * node or an <a> whose href passed the http(s) check: nothing is HTML.
 */
export function CommentBody({ text }: { text: string }) {
  return (
    <div className={styles.body}>
      {toParagraphs(text).map((tokens, i) => (
        <p key={i}>
          {tokens.map((t, j) =>
            t.type === "link" ? (
              <a key={j} href={t.href} rel="nofollow ugc noopener noreferrer">
                {t.text}
              </a>
            ) : (
              t.text
            ),
          )}
        </p>
      ))}
    </div>
  );
}
