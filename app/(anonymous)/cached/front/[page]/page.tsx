import { notFound } from "next/navigation";
import { cacheTags, tagCachedPage } from "@/app/_lib/revalidate";
import { FrontPage, frontMetadata } from "@/components/article/front-page";

// Anonymous twin of `/` (proxy.ts rewrites `/` → `/cached/front/1`). The `[page]`
// segment exists so nothing is prerendered at build time, when there is no database.
export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams(): { page: string }[] {
  return [];
}

export const metadata = frontMetadata();

export default async function Page({ params }: { params: Promise<{ page: string }> }) {
  const { page } = await params;
  if (page !== "1") notFound();
  await tagCachedPage([cacheTags.front, cacheTags.allArticles]);
  return <FrontPage />;
}
