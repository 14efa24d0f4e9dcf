import type { Metadata } from "next";
import { SectionFront, sectionMetadata } from "@/components/article/section-front";
import { parsePageNumber } from "@/lib/slug";

type Props = {
  params: Promise<{ section: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ section }, query] = await Promise.all([params, searchParams]);
  return sectionMetadata(section, parsePageNumber(query.page));
}

export default async function Page({ params, searchParams }: Props) {
  const [{ section }, query] = await Promise.all([params, searchParams]);
  return <SectionFront slug={section} page={parsePageNumber(query.page)} />;
}
