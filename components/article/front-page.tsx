import Link from "next/link";
import type { Metadata } from "next";
import { getArticleBySlug, getLeadArticle, listLatestArticles, listSections } from "@/db/queries/articles";
import { listVisibleSections } from "@/db/queries/sections";
import { plainExcerpt } from "@/lib/markdown";
import { articleViewHref } from "@/lib/article-view";
import { sectionHref } from "@/lib/slug";
import { SITE_DESCRIPTION, SITE_NAME } from "@/lib/site";
import { LeadImageFigure } from "./lead-image";
import { SectionKicker } from "./section-kicker";
import { StoryCard } from "./story-card";
import { StoryMeta } from "./story-meta";

/** Front page body: the lead story, the latest stories and every section. */
export async function FrontPage() {
  const [latestStories, counts, sections, chosenLead] = await Promise.all([
    listLatestArticles({ limit: 17 }),
    listSections(),
    listVisibleSections(),
    getLeadArticle(),
  ]);
  // An editor's chosen lead heads the page; otherwise the newest story does.
  const stories = chosenLead ? [chosenLead, ...latestStories.filter((a) => a.id !== chosenLead.id)] : latestStories;
  const [leadSummary, ...rest] = stories.slice(0, 16);
  const lead = leadSummary ? { ...leadSummary, excerpt: await getLeadExcerpt(leadSummary.slug) } : undefined;
  const rail = rest.slice(0, 4);
  const latest = rest.slice(4);
  const countBySection = new Map(counts.map((row) => [row.section, row.count]));

  return (
    <div className="page">
      <h1 className="visually-hidden">{SITE_NAME}: front page</h1>
      {lead ? (
        <div className="front">
          <article className="lead-story" aria-labelledby="lead-headline">
            {lead.image ? (
              <LeadImageFigure
                image={lead.image}
                sizes="(min-width: 1100px) 680px, (min-width: 760px) 62vw, 100vw"
                className="lead-story__figure"
                priority
              />
            ) : null}
            <SectionKicker section={lead.section} />
            <h2 id="lead-headline" className="lead-story__headline">
              <Link href={articleViewHref(lead.slug)} className="story-link">
                {lead.title}
              </Link>
            </h2>
            <p className="lead-story__dek">{lead.dek}</p>
            {lead.excerpt ? <p className="lead-story__excerpt">{lead.excerpt}</p> : null}
            <StoryMeta article={lead} />
          </article>

          {rail.length > 0 ? (
            <section className="front__rail" aria-labelledby="top-stories-title">
              <h2 id="top-stories-title" className="section-title">
                Top stories
              </h2>
              <ul className="rail-list">
                {rail.map((article) => (
                  <li key={article.id}>
                    <StoryCard article={article} variant="rail" />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          {latest.length > 0 ? (
            <section className="front__wide" aria-labelledby="latest-title">
              <h2 id="latest-title" className="section-title">
                Latest
              </h2>
              <ul className="story-grid">
                {latest.map((article) => (
                  <li key={article.id}>
                    <StoryCard article={article} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          <section className="front__wide" aria-labelledby="sections-title">
            <h2 id="sections-title" className="section-title">
              Sections
            </h2>
            <ul className="section-index">
              {sections.map(({ id, name }) => {
                const count = countBySection.get(name) ?? 0;
                return (
                  <li key={id}>
                    <Link href={sectionHref(name)}>
                      {name}
                      <span className="meta">{count === 1 ? "1 story" : `${count} stories`}</span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </section>
        </div>
      ) : (
        <p className="empty-state">No stories have been published yet.</p>
      )}
    </div>
  );
}

/** The lead story's opening paragraph, to give the top of the page some text to read. */
async function getLeadExcerpt(slug: string): Promise<string> {
  const article = await getArticleBySlug({ slug });
  return article ? plainExcerpt(article.body, 320) : "";
}

export function frontMetadata(): Metadata {
  return {
    title: { absolute: `${SITE_NAME} — Independent news` },
    description: SITE_DESCRIPTION,
    alternates: { canonical: "/" },
    openGraph: { type: "website", url: "/", title: SITE_NAME, description: SITE_DESCRIPTION },
    twitter: { card: "summary", title: SITE_NAME, description: SITE_DESCRIPTION },
  };
}
