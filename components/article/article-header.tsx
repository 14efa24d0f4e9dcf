import type { ArticleDetail } from "@/db/queries/articles";
import { readingTimeLabel } from "@/lib/reading-time";
import { ArticleTime } from "./article-time";
import { commentCountLabel } from "./comment-count";
import { SectionKicker } from "./section-kicker";

export function ArticleHeader({ article }: { article: ArticleDetail }) {
  return (
    <header className="story__header">
      <SectionKicker section={article.section} />
      <h1 id="story-headline" className="story__headline">
        {article.title}
      </h1>
      <p className="story__dek">{article.dek}</p>
      <p className="byline">
        By <span className="byline__author">{article.author}</span>
      </p>
      <p className="meta">
        <span>
          Published <ArticleTime date={article.publishedAt} />
        </span>
        {article.revisedAt ? (
          <>
            <span className="meta__sep" aria-hidden="true">
              {" · "}
            </span>
            <span>
              Updated <ArticleTime date={article.revisedAt} withTime />
            </span>
          </>
        ) : null}
        <span className="meta__sep" aria-hidden="true">
          {" · "}
        </span>
        <span>{readingTimeLabel(article.body)}</span>
        <span className="meta__sep" aria-hidden="true">
          {" · "}
        </span>
        <a href="#comments">{commentCountLabel(article.commentCount)}</a>
      </p>
    </header>
  );
}
