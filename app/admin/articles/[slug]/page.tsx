import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireCapability } from "@/app/_lib/guards";
import { getArticleForAdmin } from "@/db/queries/article-admin";
import { getAutoCloseDays, getModerationSettings } from "@/db/queries/settings";
import { listLogForTarget } from "@/db/queries/moderation-log";
import { PageHeader } from "@/components/admin/page-header";
import { ArticlePremodForm } from "@/components/admin/article-premod-form";
import { formatDateTime, formatShortDate } from "@/lib/dates";
import { plural } from "@/lib/text";
import { ACTION_LABELS } from "@/components/admin/log-labels";
import { autoCloseAt, isAutoClosed } from "@/lib/comment-policy";
import { canChangeSettings } from "@/lib/moderation-permissions";
import styles from "@/components/admin/admin.module.css";
import { setArticlePremod, setCommentsOpen } from "../actions";
import { makeLeadStory, removeLeadImage, saveLeadImage } from "../media-actions";
import { getArticleMedia } from "@/db/queries/article-media";
import { getLeadArticle } from "@/db/queries/articles";
import { LeadImageForm } from "@/components/admin/lead-image-form";
import { LeadImageFigure } from "@/components/article/lead-image";
import { can } from "@/lib/roles";

export const metadata: Metadata = { title: "Article", robots: { index: false } };

const SITE_MODE = { off: "off", new: "new readers", all: "everyone" } as const;

export default async function ArticleAdminPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const viewer = await requireCapability("moderate", { callbackUrl: `/admin/articles/${encodeURIComponent(slug)}` });
  const article = getArticleForAdmin({ slug });
  if (!article) notFound();
  const done = (await searchParams).done;
  const now = new Date();
  const days = getAutoCloseDays();
  const closesAt = autoCloseAt(article.publishedAt, days);
  const autoClosed = isAutoClosed(article.publishedAt, days, now);
  const history = listLogForTarget({ targetType: "article", targetId: article.id, limit: 20 });
  const newsroom = can(viewer, "manage-sections");
  const media = newsroom ? getArticleMedia({ slug: article.slug }) : null;
  const isLead = newsroom ? (await getLeadArticle())?.id === article.id : false;

  return (
    <div>
      <p className="meta">
        <Link href="/admin/articles">← Articles</Link>
      </p>
      <PageHeader title={article.title}>
        {article.section} · published {formatShortDate(article.publishedAt)} ·{" "}
        <Link href={`/articles/${article.slug}`}>View article</Link> · {plural(article.commentCount, "comment")} ·{" "}
        {article.pendingCount} pending
      </PageHeader>

      <div className={styles.grid2}>
        <div>
          <section className={styles.panel} aria-labelledby="comments-state">
            <h2 id="comments-state">Comments</h2>
            <form action={setCommentsOpen} className="form" aria-label="Comments open or closed">
              <input type="hidden" name="slug" value={article.slug} />
              <input type="hidden" name="open" value={article.commentsOpen ? "false" : "true"} />
              {done === "closed" || done === "opened" ? (
                <p role="status" className="notice">
                  {done === "closed" ? "Comments are closed on this article." : "Comments are open on this article."}
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
          <section className={styles.panel} aria-labelledby="article-history">
            <h2 id="article-history">History</h2>
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
        </div>
        <div>
          {media ? (
            <section className={styles.panel} aria-labelledby="front-page-title">
              <h2 id="front-page-title">Front page</h2>
              {done === "lead" ? (
                <p role="status" className="notice">
                  This story now leads the front page.
                </p>
              ) : null}
              {done === "lead-unpublished" ? (
                <p role="alert" className="alert">
                  Only a published story can lead the front page.
                </p>
              ) : null}
              {isLead ? (
                <p>This story leads the front page.</p>
              ) : (
                <form action={makeLeadStory} className="form">
                  <input type="hidden" name="slug" value={article.slug} />
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
          {media ? (
            <section className={styles.panel} aria-labelledby="lead-image-title">
              <h2 id="lead-image-title">Lead image</h2>
              {done === "image-removed" ? (
                <p role="status" className="notice">
                  Image removed.
                </p>
              ) : null}
              {media.image ? (
                <>
                  <LeadImageFigure image={media.image} sizes="320px" />
                  <form action={removeLeadImage} className="form">
                    <input type="hidden" name="slug" value={article.slug} />
                    <div className="actions">
                      <button type="submit" className="button button--small button--quiet">
                        Remove image
                      </button>
                    </div>
                  </form>
                </>
              ) : (
                <p className="meta">No lead image yet.</p>
              )}
              <LeadImageForm
                action={saveLeadImage}
                slug={article.slug}
                description={media.image?.description ?? ""}
                credit={media.image?.credit ?? ""}
              />
            </section>
          ) : null}
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
        </div>
      </div>
    </div>
  );
}
