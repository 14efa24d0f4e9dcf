import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireCapability } from "@/app/_lib/guards";
import { getArticleForAdmin } from "@/db/queries/article-admin";
import { getAutoCloseDays, getModerationSettings } from "@/db/queries/settings";
import { listLogForTarget } from "@/db/queries/moderation-log";
import { getLeadArticle } from "@/db/queries/articles";
import { listAllSections } from "@/db/queries/sections";
import { getStory } from "@/db/queries/stories";
import { PageHeader } from "@/components/admin/page-header";
import { ArticlePremodForm } from "@/components/admin/article-premod-form";
import { StoryEditor } from "@/components/admin/story-editor";
import { StoryStateBadge } from "@/components/admin/story-state";
import { LeadImageFigure } from "@/components/article/lead-image";
import { formatDateTime } from "@/lib/dates";
import { plural } from "@/lib/text";
import { ACTION_LABELS } from "@/components/admin/log-labels";
import { autoCloseAt, isAutoClosed } from "@/lib/comment-policy";
import { canChangeSettings } from "@/lib/moderation-permissions";
import { can, canActOnStory } from "@/lib/roles";
import { editorButtons, publishAtInputValue, SAVE_MESSAGES } from "@/lib/story-form";
import styles from "@/components/admin/admin.module.css";
import { setArticlePremod, setCommentsOpen } from "../actions";
import { makeLeadStory, removeLeadImage } from "../media-actions";
import { saveStory } from "../story-actions";

export const metadata: Metadata = { title: "Story", robots: { index: false } };

const SITE_MODE = { off: "off", new: "new readers", all: "everyone" } as const;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * A story's page in the newsroom: the editor for those who may work on it
 * (lib/roles.ts), and beside it the comment controls for those who moderate.
 * Anyone else gets a 404.
 */
export default async function StoryAdminPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const viewer = await requireCapability("staff-area", { callbackUrl: `/admin/articles/${encodeURIComponent(slug)}` });
  const story = getStory({ slug });
  const article = getArticleForAdmin({ slug });
  if (!story || !article) notFound();
  const now = new Date();
  const works = canActOnStory(viewer, "view", story, now);
  const moderates = can(viewer, "moderate", now);
  if (!works && !moderates) notFound();
  const done = first((await searchParams).done);
  const saved = done && done in SAVE_MESSAGES ? SAVE_MESSAGES[done as keyof typeof SAVE_MESSAGES] : null;
  const days = getAutoCloseDays();
  const closesAt = autoCloseAt(article.publishedAt, days);
  const autoClosed = isAutoClosed(article.publishedAt, days, now);
  const history = listLogForTarget({ targetType: "article", targetId: article.id, limit: 20 });
  const edits = canActOnStory(viewer, "make-lead", story, now) || canActOnStory(viewer, "restore", story, now);
  const isLead = story.status === "published" ? (await getLeadArticle())?.id === story.id : false;
  const buttons = editorButtons(viewer, story, now);
  const locked = works && !Object.values(buttons).some(Boolean);
  const sections = listAllSections().map((s) => s.name);
  if (!sections.includes(story.section)) sections.unshift(story.section);

  return (
    <div>
      <p className="meta">
        <Link href="/admin/articles">← Stories</Link>
      </p>
      <PageHeader title={story.title || "Untitled story"}>
        <StoryStateBadge status={story.status} /> {story.section} ·{" "}
        {story.status === "scheduled" && story.publishAt
          ? `publishes ${formatDateTime(story.publishAt)}`
          : story.status === "published"
            ? `published ${formatDateTime(story.publishedAt)}`
            : `last saved ${formatDateTime(story.updatedAt)}`}
        {story.status === "published" ? (
          <>
            {" "}
            · <Link href={`/articles/${story.slug}`}>View live story</Link> · {plural(article.commentCount, "comment")}{" "}
            · {article.pendingCount} pending
          </>
        ) : null}
        {works ? (
          <>
            {" "}
            · <Link href={`/admin/articles/${story.slug}/history`}>History</Link> ·{" "}
            <Link href={`/preview/articles/${story.slug}`}>Open preview</Link>
          </>
        ) : null}
      </PageHeader>

      <div className={styles.editorGrid}>
        {works ? (
          <div>
            {locked ? (
              <p className="notice notice--warning">
                {story.status === "published" ? "This story is published" : "This story is scheduled"}: only an editor
                can change it now.
              </p>
            ) : null}
            <StoryEditor
              action={saveStory}
              story={story.slug}
              version={story.version}
              initial={{
                headline: story.title,
                standfirst: story.dek,
                byline: story.author,
                slug: story.slug,
                section: story.section,
                body: story.body,
                correction: story.correction ?? "",
                publishAt: story.publishAt ? publishAtInputValue(story.publishAt) : "",
                imageDescription: story.image?.description ?? "",
                imageCredit: story.image?.credit ?? "",
              }}
              sections={sections}
              buttons={buttons}
              published={story.status === "published"}
              commentsOpen={story.commentsOpen}
              hasImage={!!story.image}
              status={saved}
            />
          </div>
        ) : null}
        <div>
          {moderates ? (
            <>
              {/* Until the story is live its comment setting is a field of the editor (Allow comments). */}
              {story.status === "published" ? (
                <section className={styles.panel} aria-labelledby="comments-state">
                  <h2 id="comments-state">Comments</h2>
                  <form action={setCommentsOpen} className="form" aria-label="Comments open or closed">
                    <input type="hidden" name="slug" value={article.slug} />
                    <input type="hidden" name="open" value={article.commentsOpen ? "false" : "true"} />
                    {done === "closed" || done === "opened" ? (
                      <p role="status" className="notice">
                        {done === "closed"
                          ? "Comments are closed on this article."
                          : "Comments are open on this article."}
                      </p>
                    ) : null}
                    <p>
                      {article.commentsOpen
                        ? autoClosed
                          ? `Open, but closed automatically since ${formatDateTime(closesAt!)} (${days} days after publication).`
                          : closesAt
                            ? `Open. Closes automatically on ${formatDateTime(closesAt)}.`
                            : "Open. Readers can comment."
                        : "Closed. Readers see “Comments are closed.” and no form."}
                    </p>
                    <div className="field">
                      <label htmlFor="close-reason">Note for the log (optional)</label>
                      <input id="close-reason" type="text" name="reason" maxLength={500} autoComplete="off" />
                    </div>
                    <div className="actions">
                      <button
                        type="submit"
                        className={`button button--small ${article.commentsOpen ? "button--danger" : ""}`}
                      >
                        {article.commentsOpen ? "Close comments" : "Open comments"}
                      </button>
                      <Link href={`/admin/moderation?queue=pending`} className="button button--small button--quiet">
                        Review pending
                      </Link>
                    </div>
                  </form>
                </section>
              ) : null}
              <section className={styles.panel} aria-labelledby="comment-decisions">
                <h2 id="comment-decisions">Comment decisions</h2>
                {history.length === 0 ? (
                  <p className="empty-state">No decisions about this article yet.</p>
                ) : (
                  <ul className={styles.commentList}>
                    {history.map((h) => (
                      <li key={h.id}>
                        <strong>{ACTION_LABELS[h.action]}</strong> by {h.actorName}{" "}
                        <time className="meta" dateTime={h.createdAt.toISOString()}>
                          {formatDateTime(h.createdAt)}
                        </time>
                        {h.reason ? <p className="meta">{h.reason}</p> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </>
          ) : null}
          {canActOnStory(viewer, "make-lead", story, now) ? (
            <section className={styles.panel} aria-labelledby="front-page-title">
              <h2 id="front-page-title">Front page</h2>
              {done === "lead" ? (
                <p role="status" className="notice">
                  This story now leads the front page.
                </p>
              ) : null}
              {isLead ? (
                <p>This story leads the front page.</p>
              ) : (
                <form action={makeLeadStory} className="form">
                  <input type="hidden" name="slug" value={story.slug} />
                  <p>Without a chosen lead, the newest story heads the front page.</p>
                  <div className="actions">
                    <button type="submit" className="button button--small">
                      Make lead story
                    </button>
                  </div>
                </form>
              )}
            </section>
          ) : null}
          {story.image && works ? (
            <section className={styles.panel} aria-labelledby="lead-image-title">
              <h2 id="lead-image-title">Lead image</h2>
              {done === "image-removed" ? (
                <p role="status" className="notice">
                  Image removed.
                </p>
              ) : null}
              <LeadImageFigure image={story.image} sizes="320px" />
              {edits ? (
                <form action={removeLeadImage} className="form">
                  <input type="hidden" name="slug" value={story.slug} />
                  <div className="actions">
                    <button type="submit" className="button button--small button--quiet">
                      Remove image
                    </button>
                  </div>
                </form>
              ) : null}
            </section>
          ) : null}
          {moderates ? (
            <>
              {canChangeSettings(viewer) ? (
                <section className={styles.panel} aria-label="Pre-moderation">
                  <ArticlePremodForm
                    action={setArticlePremod}
                    slug={article.slug}
                    current={article.premodOverride}
                    siteModeLabel={SITE_MODE[getModerationSettings().premoderation]}
                  />
                </section>
              ) : (
                <section className={styles.panel}>
                  <h2>Pre-moderation</h2>
                  <p>
                    {article.premodOverride
                      ? `This article: ${SITE_MODE[article.premodOverride]}.`
                      : "Follows the site setting."}{" "}
                    Admins can change it.
                  </p>
                </section>
              )}
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
}
