import type { ArticleSummary } from "@/db/queries/articles";
import { StoryCard } from "./story-card";

export function StoryList({
  articles,
  showSection = true,
  headingLevel = 3,
}: {
  articles: ArticleSummary[];
  showSection?: boolean;
  headingLevel?: 2 | 3;
}) {
  return (
    <ul className="story-list">
      {articles.map((article) => (
        <li key={article.id}>
          <StoryCard article={article} variant="row" showSection={showSection} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
