import type { ArticleSummary } from "@/db/queries/articles";
import { articleViewHref } from "@/lib/article-view";
import { ArticleTime } from "./article-time";
import { commentCountLabel } from "./comment-count";

/** "By X · November 20, 2026 · 3 comments" under a headline in a list. */
export function StoryMeta({ article, showComments = true }: { article: ArticleSummary; showComments?: boolean }) {
  return (
    <p className="meta">
      <span>By {article.author}</span>
      <span className="meta__sep" aria-hidden="true">
        {" · "}
      </span>
      <ArticleTime date={article.publishedAt} />
      {showComments ? (
        <>
          <span className="meta__sep" aria-hidden="true">
            {" · "}
          </span>
          <a href={articleViewHref(article.slug, {}, "comments")}>{commentCountLabel(article.commentCount)}</a>
        </>
      ) : null}
    </p>
  );
}
