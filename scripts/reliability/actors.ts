/**
 * The cast for the forgery and authorisation items: two readers with a
 * comment each, a moderator, an admin, two comments held for review and one
 * reported, and every server-action form each of them can reach.
 */
import type { Context } from "./support/context";
import type { User } from "./support/data";
import { actionForms, linksNamed, type ActionForm } from "./support/actions";
import { commentForm, getPage, postComment } from "./support/site";

export type Owned = ActionForm & { owner: User; staff: boolean; destructive: boolean };

export type Cast = {
  slug: string;
  articleId: number;
  reader: User;
  other: User;
  moderator: User;
  admin: User;
  readerComment: number;
  otherComment: number;
  forms: Owned[];
};

function latestCommentId(ctx: Context, userId: string): number {
  const rows = ctx.data.commentsBy(userId);
  const last = rows[rows.length - 1];
  if (!last) throw new Error("the setup comment was not stored");
  return last.id;
}

export async function castAndForms(ctx: Context, tag: string): Promise<Cast> {
  const { data, base } = ctx;
  const article = data.createArticle();
  const reader = await data.createUser({ name: `${tag} Reader` });
  const other = await data.createUser({ name: `${tag} Other` });
  const held = await data.createUser({ name: `${tag} Held` });
  const moderator = await data.createUser({ name: `${tag} Moderator`, role: "moderator" });
  const admin = await data.createUser({ name: `${tag} Admin`, role: "admin" });

  for (const [user, text] of [
    [reader, `${tag}: the reader's own comment.`],
    [other, `${tag}: another reader's comment.`],
    [held, `${tag}: a comment held for review.`],
    [held, `${tag}: a second comment held for review.`],
    [other, `${tag}: a reported comment.`],
  ] as const) {
    const res = await postComment(await commentForm(base, article.slug, user.cookie), user.cookie, text);
    if (!res.acknowledged) throw new Error(`setup post failed: ${res.status} ${res.alert}`);
  }
  const readerComment = latestCommentId(ctx, reader.id);
  const otherComment = data.commentsBy(other.id)[0]!.id;
  const reported = latestCommentId(ctx, other.id);
  // Held for review and reported, as the moderation rules would have left them. Two held comments, so
  // a control of the single decision still leaves one for the bulk decision's control.
  for (const { id } of data.commentsBy(held.id)) {
    data.raw
      .prepare("UPDATE comments SET status = 'pending', status_reason = 'Held by the reliability suite' WHERE id = ?")
      .run(id);
    data.raw.prepare("UPDATE articles SET comment_count = comment_count - 1 WHERE id = ?").run(article.id);
  }
  data.raw
    .prepare(
      "INSERT INTO comment_reports (user_id, comment_id, reason, note, created_at) VALUES (?, ?, 'spam', 'suite', ?)",
    )
    .run(reader.id, reported, Date.now());
  data.raw.prepare("UPDATE comments SET report_count = report_count + 1 WHERE id = ?").run(reported);

  const forms: Owned[] = [];
  const add = async (path: string, owner: User, staff: boolean) => {
    const url = path.startsWith("http") ? path : `${base}${path}`;
    for (const f of await actionForms(url, owner.cookie)) {
      forms.push({ ...f, owner, staff, destructive: /Delete my account|Sign out/.test(f.label) });
    }
  };
  // The reader's side: the article (post, like, report, own edit/delete, and the views those links open), the account page.
  const articleUrl = `${base}/articles/${article.slug}`;
  await add(articleUrl, reader, false);
  const page = await getPage(articleUrl, reader.cookie);
  for (const link of linksNamed(page.html, ["Reply", "Edit", "Delete", "Report"], articleUrl))
    await add(link, reader, false);
  await add("/account", reader, false);
  await add("/account/delete", reader, false);
  // Signed out: sign-in (login CSRF would sign the victim into the attacker's account) and sign-up.
  const anonymous: User = { id: "", name: "", email: "", password: "", cookie: "" };
  await add("/signin", anonymous, false);
  await add("/signup", anonymous, false);
  // Staff: the queues, a reader's page, settings, the article's admin page.
  await add("/admin/moderation?queue=pending", moderator, true);
  await add("/admin/moderation?queue=reported", moderator, true);
  await add(`/admin/users/${other.id}`, admin, true);
  await add("/admin/settings", admin, true);
  await add(`/admin/articles/${article.slug}`, admin, true);

  return {
    slug: article.slug,
    articleId: article.id,
    reader,
    other,
    moderator,
    admin,
    readerComment,
    otherComment,
    forms: dedupe(forms),
  };
}

/** One form per (action, page, buttons): the same action on several items needs trying once. */
function dedupe(forms: Owned[]): Owned[] {
  const seen = new Set<string>();
  return forms.filter((f) => {
    const key = `${f.actionId}|${new URL(f.pageUrl).pathname}|${f.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
