/**
 * 3. Authorisation: a reader replays every staff action (on the staff page's
 * URL and on a public page's URL), a moderator replays the admin-only ones,
 * a reader edits and deletes another reader's comment by id, and users who
 * were banned, suspended or demoted after their session token was issued try
 * to post and to moderate. All refused; the database unchanged.
 */
import { castAndForms, type Owned } from "./actors";
import type { Context } from "./support/context";
import type { User } from "./support/data";
import { actionForms, linksNamed, plausibleValues } from "./support/actions";
import { submitForm, type Form } from "./support/forms";
import { Report } from "./support/report";
import { commentForm, getPage, postComment } from "./support/site";

// What lib/moderation-permissions.ts keeps for admins (closing comments is any staff member's call).
const ADMIN_ONLY = /^(Save settings|Save pre-moderation|Ban|Make moderator \/ Make admin \/ Make reader)$/;

export async function authorisation(ctx: Context): Promise<Report> {
  const report = new Report("3. Authorisation: replays by people without the right");
  const cast = await castAndForms(ctx, "Authz");
  const articleUrl = `${ctx.base}/articles/${cast.slug}`;
  let attempts = 0;
  let refused = 0;
  const statuses = new Map<number, number>();
  const serverErrors: string[] = [];

  async function attempt(
    description: string,
    target: { pageUrl: string; form: Form },
    as: User,
    url = target.pageUrl,
    set?: Record<string, string>,
  ) {
    const before = ctx.data.fingerprint();
    const res = await submitForm(url, target.form, {
      cookie: as.cookie,
      set: set ?? plausibleValues(target.form, as.password, `authz ${attempts}`),
      button: target.form.buttons[0]?.text,
    });
    attempts++;
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500) serverErrors.push(`${description} → ${res.status}`);
    const unchanged = ctx.data.fingerprint() === before;
    if (unchanged) refused++;
    report.check(unchanged, `${description}: the database changed (status ${res.status})`);
    report.check(res.status !== 500 || unchanged, `${description}: 500`);
  }

  // Sign out is on every page; it is nobody's staff action.
  const staff = cast.forms.filter((f) => f.staff && f.label !== "Sign out");
  const adminOnly = staff.filter((f) => ADMIN_ONLY.test(f.label));
  report.check(staff.length >= 5, `only ${staff.length} staff forms found`);

  // A reader replays every staff action, on the staff URL and on a public URL.
  for (const f of staff) {
    await attempt(`reader replays "${f.label}" on ${new URL(f.pageUrl).pathname}`, f, cast.reader);
    await attempt(`reader replays "${f.label}" on the article page`, f, cast.reader, articleUrl);
  }
  // A moderator replays the admin-only ones.
  for (const f of adminOnly) await attempt(`moderator replays "${f.label}"`, f, cast.moderator);

  // Another reader's comment: the other's own Edit/Delete forms replayed by the reader.
  const otherForms = (await castFormsFor(ctx, cast.slug, cast.other)).filter((f) =>
    /^(Save|Confirm delete|Delete)$/.test(f.label),
  );
  report.check(
    otherForms.some((f) => f.label === "Save"),
    "no Edit form found on the other reader's comment",
  );
  for (const f of otherForms) await attempt(`reader replays the other reader's "${f.label}"`, f, cast.reader);

  // The reader's own Edit/Delete forms pointed at the other's comment id.
  const own = cast.forms.filter((f) => !f.staff && /^(Save|Confirm delete|Delete)$/.test(f.label));
  let retargets = 0;
  for (const f of own) {
    const retarget = retargeted(f, cast.readerComment, cast.otherComment);
    if (retarget) retargets++;
    if (retarget)
      await attempt(
        `reader's own "${f.label}" retargeted to comment ${cast.otherComment}`,
        { ...f, form: retarget },
        cast.reader,
      );
  }
  report.check(
    own.length > 0 && retargets === own.length,
    `the reader's own Edit/Delete forms: ${own.length} found, ${retargets} could be pointed at another comment`,
  );

  // Status changes after the token was issued: the token still verifies, the database says no.
  const cf = await commentForm(ctx.base, cast.slug, cast.reader.cookie);
  for (const status of ["banned", "suspended"] as const) {
    ctx.data.setUser(cast.reader.id, { status });
    const before = ctx.data.fingerprint();
    const res = await postComment(cf, cast.reader.cookie, `Posting while ${status}.`);
    attempts++;
    const unchanged = ctx.data.fingerprint() === before;
    if (unchanged) refused++;
    report.check(unchanged, `a ${status} reader posted (status ${res.status})`);
    report.check(res.status < 500, `a ${status} reader's post answered ${res.status}`);
    for (const f of cast.forms.filter((f) => !f.staff && /^(Like|Send report)$/.test(f.label))) {
      await attempt(`a ${status} reader's "${f.label}"`, f, cast.reader);
    }
  }
  ctx.data.setUser(cast.reader.id, { status: "active" });

  // A moderator demoted to reader, and a banned moderator, replay moderation.
  const moderation = staff.filter((f) => !ADMIN_ONLY.test(f.label) && f.owner.id === cast.moderator.id);
  ctx.data.setUser(cast.moderator.id, { role: "reader" });
  for (const f of moderation) await attempt(`demoted moderator replays "${f.label}"`, f, cast.moderator);
  ctx.data.setUser(cast.moderator.id, { role: "moderator", status: "banned" });
  for (const f of moderation) await attempt(`banned moderator replays "${f.label}"`, f, cast.moderator);
  const bannedAdmin = cast.admin;
  ctx.data.setUser(bannedAdmin.id, { role: "reader" });
  for (const f of adminOnly) await attempt(`demoted admin replays "${f.label}"`, f, bannedAdmin);

  if (serverErrors.length) report.figure(`answered 5xx (refused, nothing written): ${serverErrors.join("; ")}`);
  report.figure(`staff forms: ${staff.map((f) => `${f.label} (${new URL(f.pageUrl).pathname})`).join(" | ")}`);
  report.figure(
    `${staff.length} staff forms (${adminOnly.length} admin-only), ${otherForms.length} of another reader's edit/delete forms, ${retargets} own forms retargeted by id`,
  );
  report.figure(
    `${attempts} unauthorised requests, ${refused} refused with the database unchanged; statuses ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(", ")}`,
  );
  return report;
}

async function castFormsFor(ctx: Context, slug: string, user: User): Promise<Owned[]> {
  const url = `${ctx.base}/articles/${slug}`;
  const out: Owned[] = [];
  const page = await getPage(url, user.cookie);
  for (const link of [url, ...linksNamed(page.html, ["Edit", "Delete"], url)]) {
    for (const f of await actionForms(link, user.cookie))
      out.push({ ...f, owner: user, staff: false, destructive: false });
  }
  return out;
}

/** A copy of the form whose fields naming comment `from` name comment `to` instead. */
function retargeted(f: Owned, from: number, to: number): Form | null {
  let changed = false;
  const re = new RegExp(`(^|[^0-9])${from}(?![0-9])`, "g");
  const fields = f.form.fields.map((field) => {
    // React's own fields hold hex action ids, where a small number could match by accident.
    if (typeof field.value !== "string" || field.name.startsWith("$ACTION_")) return field;
    const value = field.value.replace(re, (_m, p: string) => `${p}${to}`);
    if (value !== field.value) changed = true;
    return { ...field, value };
  });
  return changed ? { ...f.form, fields } : null;
}
