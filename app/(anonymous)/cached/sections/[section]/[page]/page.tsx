import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cacheTags, tagCachedPage } from "@/app/_lib/revalidate";
import { SectionFront, sectionMetadata } from "@/components/article/section-front";
import { getSectionBySlug } from "@/db/queries/sections";
import { parsePageNumber } from "@/lib/slug";

// Anonymous twin of `/sections/[section]?page=N` (see proxy.ts).
export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams(): { section: string; page: string }[] {
  return [];
}

type Props = { params: Promise<{ section: string; page: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { section, page } = await params;
  return sectionMetadata(section, parsePageNumber(page));
}

export default async function Page({ params }: Props) {
  const { section, page } = await params;
  const name = getSectionBySlug({ slug: section })?.name;
  // One cache entry per real page only: `/cached/sections/x/01` is not page 1.
  if (!name || String(parsePageNumber(page)) !== page) notFound();
  await tagCachedPage([cacheTags.section(name), cacheTags.allArticles]);
  return <SectionFront slug={section} page={parsePageNumber(page)} />;
}
