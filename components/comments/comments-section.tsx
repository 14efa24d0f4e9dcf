import Link from "next/link";
import type { ArticleView } from "@/lib/article-view";
import type { Viewer } from "@/lib/viewer";

/**
 * PLACEHOLDER by the reading-site helper: heading, empty state and sign-in
 * link only. The comments helper replaces the internals, keeping these props.
 */
export type CommentsSectionProps = {
  article: { id: number; slug: string; title: string; commentsOpen: boolean; commentCount: number };
  viewer: Viewer | null;
  view: ArticleView;
  open: { reply?: number; edit?: number; delete?: number; report?: number };
};

export function commentsHeading(count: number): string {
  return count === 1 ? "1 Comment" : `${count} Comments`;
}

export async function CommentsSection({ article, viewer }: CommentsSectionProps) {
  const callbackUrl = `/articles/${article.slug}`;
  return (
    <section id="comments" className="comments" aria-labelledby="comments-title">
      <h2 id="comments-title" className="comments__title">
        {commentsHeading(article.commentCount)}
      </h2>
      <div className="stack">
        {article.commentCount === 0 ? <p className="empty-state">No comments yet. Be the first to comment!</p> : null}
        {!article.commentsOpen ? (
          <p>Comments are closed.</p>
        ) : viewer ? null : (
          <p>
            <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in to comment</Link>
          </p>
        )}
      </div>
    </section>
  );
}
