import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireCapability } from "@/app/_lib/guards";
import { getStoryForPreview } from "@/db/queries/articles";
import { getStory } from "@/db/queries/stories";
import { ArticleStory } from "@/components/article/article-page";
import { STORY_STATE_LABELS } from "@/components/admin/story-state";
import { formatDateTime } from "@/lib/dates";
import { canActOnStory } from "@/lib/roles";

export const metadata: Metadata = { title: "Preview", robots: { index: false, follow: false } };

type Props = { params: Promise<{ slug: string }> };

/**
 * A story exactly as readers will see it, in any state, marked as a preview:
 * for the newsroom only (a writer their own stories; 404 for anyone else).
 * Rendered per request, `private, no-store` and noindex (next.config.ts).
 */
export default async function PreviewPage({ params }: Props) {
  const { slug } = await params;
  const path = `/preview/articles/${encodeURIComponent(slug)}`;
  const viewer = await requireCapability("staff-area", { callbackUrl: path });
  const story = getStory({ slug });
  if (!story || !canActOnStory(viewer, "view", story)) notFound();
  const article = await getStoryForPreview({ slug });
  if (!article) notFound();
  return (
    <div className="page">
      <div className="preview-banner" role="note" aria-label="Preview">
        <p>
          <strong>Preview — {story.status === "published" ? "this is the live version" : "not published"}.</strong>{" "}
          {STORY_STATE_LABELS[story.status]}
          {story.status === "scheduled" && story.publishAt ? `, publishes ${formatDateTime(story.publishAt)}` : ""}.
          Readers {story.status === "published" ? "see this story now" : "cannot see this page"}.
        </p>
        <Link href={`/admin/articles/${story.slug}`} className="button button--small">
          Back to the editor
        </Link>
      </div>
      <ArticleStory article={article} />
      <p className="empty-state">Comments appear here once the story is published.</p>
    </div>
  );
}
