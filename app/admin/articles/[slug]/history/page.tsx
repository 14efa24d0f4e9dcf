import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireCapability } from "@/app/_lib/guards";
import { getStory, listRevisions } from "@/db/queries/stories";
import { PageHeader } from "@/components/admin/page-header";
import { STORY_STATE_LABELS } from "@/components/admin/story-state";
import { formatDateTime } from "@/lib/dates";
import { canActOnStory } from "@/lib/roles";
import type { StorySave } from "@/lib/vocabulary";
import styles from "@/components/admin/admin.module.css";
import { restoreRevision } from "../../story-actions";

export const metadata: Metadata = { title: "Story history", robots: { index: false } };

const SAVE_LABELS: Record<StorySave, string> = {
  draft: "Saved draft",
  submit: "Submitted for review",
  publish: "Published",
  schedule: "Scheduled",
  update: "Updated",
  unpublish: "Unpublished",
  restore: "Restored a revision",
  "auto-publish": "Published on schedule",
  import: "Imported",
};

/** Every save of a story, newest first; editors restore any of them as a new save. */
export default async function StoryHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const path = `/admin/articles/${encodeURIComponent(slug)}/history`;
  const viewer = await requireCapability("staff-area", { callbackUrl: path });
  const story = getStory({ slug });
  if (!story || !canActOnStory(viewer, "view", story)) notFound();
  const restores = canActOnStory(viewer, "restore", story);
  const revisions = listRevisions({ articleId: story.id });
  const refused = (await searchParams).done === "refused";
  return (
    <div>
      <p className="meta">
        <Link href={`/admin/articles/${story.slug}`}>← Back to the story</Link>
      </p>
      <PageHeader title="History">
        Every save of “{story.title}”, newest first.
        {restores ? " Restoring a revision saves its text as the newest version; nothing is lost." : ""}
      </PageHeader>
      {refused ? (
        <p role="alert" className="alert">
          That revision could not be restored.
        </p>
      ) : null}
      <div className="table-wrap">
        <table className={`${styles.table} ${styles.wide}`}>
          <caption className="visually-hidden">Revisions of the story</caption>
          <thead>
            <tr>
              <th scope="col">Saved</th>
              <th scope="col">By</th>
              <th scope="col">What</th>
              <th scope="col">Headline</th>
              <th scope="col">State</th>
              {restores ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {revisions.map((r, i) => (
              <tr key={r.id}>
                <td className={styles.nowrap}>
                  <time dateTime={r.savedAt.toISOString()}>{formatDateTime(r.savedAt)}</time>
                </td>
                <td>{r.savedByName}</td>
                <td>
                  {SAVE_LABELS[r.kind]}
                  {i === 0 ? <span className="meta"> · current</span> : null}
                </td>
                <td>{r.title}</td>
                <td>{STORY_STATE_LABELS[r.status]}</td>
                {restores ? (
                  <td>
                    {i === 0 ? null : (
                      <form action={restoreRevision}>
                        <input type="hidden" name="story" value={story.slug} />
                        <input type="hidden" name="revision" value={r.id} />
                        <button
                          type="submit"
                          className="button button--small"
                          aria-label={`Restore the version saved ${formatDateTime(r.savedAt)}`}
                        >
                          Restore
                        </button>
                      </form>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {revisions.length === 0 ? <p className="empty-state">No saves recorded: this story was imported.</p> : null}
    </div>
  );
}
