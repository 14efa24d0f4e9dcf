import type { MetadataRoute } from "next";
import { listArticlesForSitemap } from "@/db/queries/articles";
import { listVisibleSections } from "@/db/queries/sections";
import { sectionHref } from "@/lib/slug";
import { absoluteUrl } from "@/lib/site";

// Read from the database per request: the build has no database.
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [articles, sections] = await Promise.all([listArticlesForSitemap(), listVisibleSections()]);
  const newest = articles.reduce<Date | undefined>(
    (latest, a) => (!latest || a.updatedAt > latest ? a.updatedAt : latest),
    undefined,
  );
  return [
    { url: absoluteUrl("/"), lastModified: newest, changeFrequency: "hourly", priority: 1 },
    ...sections.map(({ name }) => ({
      url: absoluteUrl(sectionHref(name)),
      lastModified: articles.find((a) => a.section === name)?.updatedAt,
      changeFrequency: "hourly" as const,
      priority: 0.7,
    })),
    ...articles.map((article) => ({
      url: absoluteUrl(`/articles/${article.slug}`),
      lastModified: article.updatedAt,
      changeFrequency: "daily" as const,
      priority: 0.8,
    })),
  ];
}
