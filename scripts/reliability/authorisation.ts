/**
 * 3. Authorisation: a reader replays every staff action (on the staff page's
 * URL and on a public page's URL), a moderator replays the admin-only ones,
 * a reader edits and deletes another reader's comment by id, and users who
 * were banned, suspended or demoted after their session token was issued try
 * to post and to moderate. All refused; the database unchanged. Then positive
 * controls: each kind of refused request is sent again by someone who may
 * (the form's staff owner, the comment's author, the reader in good
 * standing), and must change the database, or the item fails.
 */
import { castAndForms, type Owned } from "./actors";
import type { Context } from "./support/context";
import type { User } from "./support/data";
import { actionForms, linksNamed, plausibleFiles, plausibleValues } from "./support/actions";
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

  /**
   * Positive controls: for each kind of refused request, the same request by
   * the rightful user, sent once every refusal is done (and every role and
   * status put back). Each must change the database, or a refusal may only
   * have meant that the request could not have acted anyway.
   */
  type Control = {
    description: string;
    target: { pageUrl: string; form: Form };
    as: User;
    set: Record<string, string>;
  };
  const controls = new Map<string, Control>();

  async function attempt(
    description: string,
    target: { pageUrl: string; form: Form },
    as: User,
    url = target.pageUrl,
    set?: Record<string, string>,
    rightful?: { key: string; as: User },
  ) {
    const values = set ?? plausibleValues(target.form, as.password, `authz ${attempts}`);
    if (rightful && !controls.has(rightful.key)) {
      controls.set(rightful.key, { description, target, as: rightful.as, set: values });
    }
    // A complete request (with any file it asks for): a refusal then can only be about who asks.
    const files = await plausibleFiles(target.form);
    const before = ctx.data.fingerprint();
    const res = await submitForm(url, target.form, {
      cookie: as.cookie,
      set: values,
      files,
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
  const staffKey = (f: Owned) => `staff|${f.actionId}|${new URL(f.pageUrl).pathname}|${f.label}`;
  const byOwner = (f: Owned) => ({ key: staffKey(f), as: f.owner });
  for (const f of staff) {
    await attempt(
      `reader replays "${f.label}" on ${new URL(f.pageUrl).pathname}`,
      f,
      cast.reader,
      f.pageUrl,
      undefined,
      byOwner(f),
    );
    await attempt(`reader replays "${f.label}" on the article page`, f, cast.reader, articleUrl);
  }
  // A moderator replays the admin-only ones.
  for (const f of adminOnly)
    await attempt(`moderator replays "${f.label}"`, f, cast.moderator, f.pageUrl, undefined, byOwner(f));

  // Another reader's comment: the other's own Edit/Delete forms replayed by the reader.
  const otherForms = (await castFormsFor(ctx, cast.slug, cast.other)).filter((f) =>
    /^(Save|Confirm delete|Delete)$/.test(f.label),
  );
  report.check(
    otherForms.some((f) => f.label === "Save"),
    "no Edit form found on the other reader's comment",
  );
  // Controls: the other reader edits (each edit form), and deletes once (a comment is deleted only once).
  const ownKey = (label: string, id: string) => (label === "Save" ? `edit|${id}` : "delete");
  for (const f of otherForms) {
    await attempt(`reader replays the other reader's "${f.label}"`, f, cast.reader, f.pageUrl, undefined, {
      key: ownKey(f.label, `${f.actionId}|${f.pageUrl}`),
      as: cast.other,
    });
  }

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
        f.pageUrl,
        undefined,
        // The same retargeted request, sent by the comment's author, acts.
        { key: ownKey(f.label, `retargeted|${f.actionId}|${f.pageUrl}`), as: cast.other },
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
    for (const f of cast.forms.filter((f) => !f.staff && /^(♡ Like|Like|Send report)$/.test(f.label))) {
      await attempt(`a ${status} reader's "${f.label}"`, f, cast.reader, f.pageUrl, undefined, {
        key: `reader|${f.label}`,
        as: cast.reader,
      });
    }
  }
  ctx.data.setUser(cast.reader.id, { status: "active" });
  const standingForms = cast.forms.filter((f) => !f.staff && /^(♡ Like|Like|Send report)$/.test(f.label)).length;
  report.check(standingForms >= 2, `a suspended reader's Like and Send report: ${standingForms} forms found`);

  // A moderator demoted to reader, and a banned moderator, replay moderation.
  const moderation = staff.filter((f) => !ADMIN_ONLY.test(f.label) && f.owner.id === cast.moderator.id);
  ctx.data.setUser(cast.moderator.id, { role: "reader" });
  for (const f of moderation) await attempt(`demoted moderator replays "${f.label}"`, f, cast.moderator);
  ctx.data.setUser(cast.moderator.id, { role: "moderator", status: "banned" });
  for (const f of moderation) await attempt(`banned moderator replays "${f.label}"`, f, cast.moderator);
  const bannedAdmin = cast.admin;
  ctx.data.setUser(bannedAdmin.id, { role: "reader" });
  for (const f of adminOnly) await attempt(`demoted admin replays "${f.label}"`, f, bannedAdmin);

  // Positive controls, with every role and status as it was: first the reader's own post, like and
  // report; then the other reader's edits and delete; then the staff decisions, single ones before
  // the bulk one (so each still finds a held comment) and closing the article last.
  ctx.data.setUser(cast.moderator.id, { role: "moderator", status: "active" });
  ctx.data.setUser(bannedAdmin.id, { role: "admin", status: "active" });
  let controlsActed = 0;
  const noEffect: string[] = [];
  {
    const before = ctx.data.fingerprint();
    const res = await postComment(cf, cast.reader.cookie, `Posting in good standing.`);
    const acted = ctx.data.fingerprint() !== before && res.acknowledged;
    if (acted) controlsActed++;
    else noEffect.push(`the reader's post (${res.status} ${res.alert ?? ""})`);
    report.check(acted, `control: the reader in good standing could not post (status ${res.status}: ${res.alert})`);
  }
  const rank = (key: string) =>
    key.startsWith("reader|")
      ? 0
      : key.startsWith("edit|")
        ? 1
        : key === "delete"
          ? 2
          : /selected/.test(key)
            ? 4
            : /Close comments/.test(key)
              ? 5
              : 3;
  const ordered = [...controls].sort(([a], [b]) => rank(a) - rank(b));
  for (const [, control] of ordered) {
    await ctx.data.refreshSession(control.as);
    const files = await plausibleFiles(control.target.form);
    const before = ctx.data.fingerprint();
    const res = await submitForm(control.target.pageUrl, control.target.form, {
      cookie: control.as.cookie,
      set: control.set,
      files,
      button: control.target.form.buttons[0]?.text,
    });
    const acted = ctx.data.fingerprint() !== before;
    if (acted) controlsActed++;
    else noEffect.push(`${control.description} (${res.status})`);
    report.check(
      acted,
      `control: ${control.description}, sent by ${control.as.name} (who may), changed nothing (status ${res.status})`,
    );
    report.check(res.status < 500, `control: ${control.description} by ${control.as.name} answered ${res.status}`);
  }
  report.check(controls.size >= staff.length, `only ${controls.size} controls for ${staff.length} staff forms`);

  if (serverErrors.length) report.figure(`answered 5xx (refused, nothing written): ${serverErrors.join("; ")}`);
  report.figure(`staff forms: ${staff.map((f) => `${f.label} (${new URL(f.pageUrl).pathname})`).join(" | ")}`);
  report.figure(
    `${staff.length} staff forms (${adminOnly.length} admin-only), ${otherForms.length} of another reader's edit/delete forms, ${retargets} own forms retargeted by id`,
  );
  report.figure(
    `${attempts} unauthorised requests, ${refused} refused with the database unchanged; statuses ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(", ")}`,
  );
  report.figure(
    `positive controls (the same requests by someone who may): ${controlsActed}/${controls.size + 1} acted${noEffect.length ? `; no effect: ${noEffect.join("; ")}` : ""}`,
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
