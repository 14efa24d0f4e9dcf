/**
 * Every server-action form a person can reach on a page, with what is needed
 * to replay it: the page it posts to, who it was rendered for, and the id of
 * the server action behind it.
 */
import sharp from "sharp";
import { decodeEntities, textOf, type FileField, type Form } from "./forms";
import { getPage } from "./site";

export type ActionForm = {
  /** What a person sees: the submit buttons' text. */
  label: string;
  pageUrl: string;
  form: Form;
  actionId: string;
};

export function actionIdOf(form: Form): string {
  for (const f of form.fields) {
    if (f.name.startsWith("$ACTION_ID_")) return f.name.slice("$ACTION_ID_".length);
  }
  for (const b of form.buttons) {
    if (b.name?.startsWith("$ACTION_ID_")) return b.name.slice("$ACTION_ID_".length);
  }
  const ref = form.fields.find((f) => f.name.startsWith("$ACTION_REF_"));
  if (ref) {
    const n = ref.name.slice("$ACTION_REF_".length);
    const meta = form.fields.find((f) => f.name === `$ACTION_${n}:0`);
    try {
      const parsed = JSON.parse(String(meta?.value ?? "{}")) as { id?: string };
      if (parsed.id) return parsed.id;
    } catch {
      // fall through
    }
  }
  return "";
}

export async function actionForms(pageUrl: string, cookie?: string): Promise<ActionForm[]> {
  const page = await getPage(pageUrl, cookie);
  if (page.status !== 200) throw new Error(`${pageUrl} answered ${page.status}`);
  return page.forms
    .filter((f) => f.hasAction)
    .map((form) => ({
      label: form.buttons.map((b) => b.text).join(" / ") || "(no button)",
      pageUrl,
      form,
      actionId: actionIdOf(form),
    }));
}

/** Links inside `html` whose text is exactly one of `texts` (e.g. Reply, Edit, Delete, Report views without JS). */
export function linksNamed(html: string, texts: string[], base: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi)) {
    if (texts.includes(textOf(m[2]!))) out.push(new URL(decodeEntities(m[1]!), base).toString());
  }
  return [...new Set(out)];
}

/** Site-wide choices other items rely on (pre-moderation "off"): left as they are. */
const KEEP_CHOICES = new Set(["premoderation"]);

/**
 * Values a real person would type, so a legitimate submission of the form
 * does something: text changed, and another option picked in each radio
 * group and select (a control that re-saves the current choice proves nothing).
 */
export function plausibleValues(form: Form, password: string, stamp: string): Record<string, string> {
  const set: Record<string, string> = {};
  for (const [name, options] of Object.entries(form.choices)) {
    if (KEEP_CHOICES.has(name)) continue;
    const current = String(form.fields.find((f) => f.name === name)?.value ?? "");
    const other = options.find((o) => o !== current);
    if (other !== undefined) set[name] = other;
  }
  for (const name of form.textFields) {
    const current = String(form.fields.find((f) => f.name === name)?.value ?? "");
    if (/current/i.test(name)) set[name] = password;
    else if (/password/i.test(name)) set[name] = `brand new passphrase ${stamp}`;
    else if (/email/i.test(name)) set[name] = current;
    else if (/q|search/i.test(name) && name.length <= 6) set[name] = current;
    else if (/^\d+$/.test(current)) set[name] = current;
    // A story's address: changing it retires the URL the other forms of the page post to.
    else if (name === "slug" || name === "publishAt") set[name] = current;
    else set[name] = current ? `${current} (${stamp})` : `Reliability check ${stamp}`;
  }
  return set;
}

/** A small real photo for every file input of the form, so a legitimate submission can act. */
export async function plausibleFiles(form: Form): Promise<Record<string, FileField>> {
  const names = [...form.html.matchAll(/<input\b[^>]*\btype="file"[^>]*>/g)].flatMap(
    (m) => /\bname="([^"]+)"/.exec(m[0])?.[1] ?? [],
  );
  if (names.length === 0) return {};
  const data = await sharp({ create: { width: 640, height: 400, channels: 3, background: "#335577" } })
    .jpeg()
    .toBuffer();
  return Object.fromEntries(names.map((name) => [name, { filename: "photo.jpg", type: "image/jpeg", data }]));
}
