import type { Metadata } from "next";
import { getViewer } from "@/app/_lib/guards";
import { ArticlePage, articleMetadata } from "@/components/article/article-page";
import { parseArticleView } from "@/lib/article-view";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function positiveInt(value: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  return raw && /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : undefined;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return articleMetadata(slug);
}

/** The live article page at `/live/articles/x`: next.config.ts rewrites `/articles/x` here for readers with a session cookie. */
export default async function Page({ params, searchParams }: Props) {
  const [{ slug }, query, viewer] = await Promise.all([params, searchParams, getViewer()]);
  return (
    <ArticlePage
      slug={slug}
      viewer={viewer}
      view={parseArticleView(query)}
      open={{
        reply: positiveInt(query.reply),
        edit: positiveInt(query.edit),
        delete: positiveInt(query.delete),
        report: positiveInt(query.report),
      }}
    />
  );
}
