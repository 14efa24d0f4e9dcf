import Link from "next/link";
import type { ArticleSummary } from "@/db/queries/articles";
import { articleViewHref } from "@/lib/article-view";
import { LeadImageFigure } from "./lead-image";
import { SectionKicker } from "./section-kicker";
import { StoryMeta } from "./story-meta";

type Variant = "card" | "row" | "rail";

/** One story in a list: section, headline (the link), dek and meta. */
export function StoryCard({
  article,
  variant = "card",
  headingLevel = 3,
  showSection = true,
}: {
  article: ArticleSummary;
  variant?: Variant;
  headingLevel?: 2 | 3;
  showSection?: boolean;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headlineClass =
    variant === "row" ? "story-row__headline" : variant === "card" ? "story-card__headline" : undefined;
  return (
    <article
      className={`${variant === "row" ? "story-row" : variant === "card" ? "story-card" : "story-row"}${
        article.image && variant !== "rail" ? " has-image" : ""
      }`}
    >
      {article.image && variant !== "rail" ? (
        <LeadImageFigure
          image={article.image}
          sizes={variant === "row" ? "(min-width: 760px) 240px, 100vw" : "(min-width: 760px) 320px, 100vw"}
          className={variant === "row" ? "story-row__figure" : "story-card__figure"}
          caption={false}
        />
      ) : null}
      {showSection ? <SectionKicker section={article.section} /> : null}
      <Heading className={headlineClass}>
        <Link href={articleViewHref(article.slug)} className="story-link">
          {article.title}
        </Link>
      </Heading>
      {variant !== "rail" ? <p className="story-card__dek">{article.dek}</p> : null}
      <StoryMeta article={article} showComments={variant !== "rail"} />
    </article>
  );
}
