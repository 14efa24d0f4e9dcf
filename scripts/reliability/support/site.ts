/**
 * The site as a script sees it: pages fetched with a session cookie, the
 * server-action forms on them, and a comment posted the way a browser without
 * JavaScript posts it.
 */
import { formWithButton, parseForms, submitForm, textOf, type Form } from "./forms";
import { request, type Response } from "./http";

export type Page = { url: string; status: number; html: string; forms: Form[]; res: Response };

export async function getPage(url: string, cookie?: string): Promise<Page> {
  const res = await request(url, { headers: { accept: "text/html", ...(cookie ? { cookie } : {}) } });
  return { url, status: res.status, html: res.body, forms: parseForms(res.body), res };
}

/** The text of the first element with role="alert" inside the form that has `button`, if any. */
export function formAlert(html: string, button: string): string | null {
  const form = formWithButton(parseForms(html), button);
  if (!form) return null;
  const m = /<([a-z]+)\b[^>]*role="alert"[^>]*>([\s\S]*?)<\/\1>/i.exec(form.html);
  return m ? textOf(m[2]!) || "(empty alert)" : null;
}

export type CommentForm = { pageUrl: string; form: Form; field: string };

export async function commentForm(base: string, slug: string, cookie: string): Promise<CommentForm> {
  const pageUrl = `${base}/articles/${slug}`;
  const page = await getPage(pageUrl, cookie);
  const form = formWithButton(page.forms, "Post comment");
  if (!form) throw new Error(`No "Post comment" form on ${pageUrl} (status ${page.status})`);
  const field = form.textFields[0];
  if (!field) throw new Error(`The comment form on ${pageUrl} has no text field`);
  return { pageUrl, form, field };
}

export type PostResult = { status: number; acknowledged: boolean; alert: string | null; res: Response };

/**
 * Posts `text` through the comment form. Acknowledged means the server answered
 * with a redirect or with the page and no error in the form — what a reader
 * takes as "posted".
 */
export async function postComment(
  cf: CommentForm,
  cookie: string,
  text: string | Buffer,
  options: { origin?: string | false } = {},
): Promise<PostResult> {
  const res = await submitForm(cf.pageUrl, cf.form, { cookie, set: { [cf.field]: text }, origin: options.origin });
  const alert = res.status === 200 ? formAlert(res.body, "Post comment") : null;
  const acknowledged = (res.status === 303 || res.status === 200) && alert === null;
  return { status: res.status, acknowledged, alert, res };
}

/** "1,000 Comments" / "1000 Comments" / "1 Comment" as a number, from the page's h2. */
export function commentHeadingCount(html: string): number | null {
  for (const m of html.matchAll(/<h2\b[^>]*>([\s\S]*?)<\/h2>/gi)) {
    const text = textOf(m[1]!);
    const hit = /^([\d,]+) Comments?$/.exec(text);
    if (hit) return Number(hit[1]!.replace(/,/g, ""));
  }
  return null;
}
