import Link from "next/link";
import type { ArticleSummary } from "@/db/queries/articles";
import { articleViewHref } from "@/lib/article-view";
import { sectionHref } from "@/lib/slug";
import { ArticleTime } from "./article-time";

export function RelatedArticles({ section, articles }: { section: string; articles: ArticleSummary[] }) {
  if (articles.length === 0) return null;
  return (
    <aside className="related" aria-labelledby="related-title">
      <h2 id="related-title" className="section-title">
        More in {section}
      </h2>
      <ul className="story-list">
        {articles.map((article) => (
          <li key={article.id}>
            <div className="story-row">
              <h3>
                <Link href={articleViewHref(article.slug)} className="story-link">
                  {article.title}
                </Link>
              </h3>
              <p className="meta">
                By {article.author}
                <span className="meta__sep" aria-hidden="true">
                  {" · "}
                </span>
                <ArticleTime date={article.publishedAt} />
              </p>
            </div>
          </li>
        ))}
      </ul>
      <p className="meta">
        <Link href={sectionHref(section)}>All {section} stories</Link>
      </p>
    </aside>
  );
}
