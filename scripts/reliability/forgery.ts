/**
 * 2. Forgery: every server-action form, replayed with the victim's own session
 * cookie but `Origin: https://evil.example`, with `Origin: null`, and from a
 * page on another origin (a second local port) that auto-submits a copy of
 * the form in Chromium. Nothing may be written. The same request from the
 * site's own origin, by the form's owner, is then sent as a positive control:
 * it must act (write, or set the session cookie), or the item fails, since a
 * forgery refused only because the request was incomplete proves nothing.
 * Sign-out and account deletion are controlled last.
 *
 * The attacking page is on 127.0.0.1 too, another port: a different origin but
 * the same site, so the SameSite=Lax session cookie IS sent with its POST —
 * the hardest case, where only the server's Origin check stands in the way.
 */
import http from "node:http";
import { castAndForms, type Owned } from "./actors";
import type { Context } from "./support/context";
import { SESSION_COOKIE, type User } from "./support/data";
import { plausibleFiles, plausibleValues } from "./support/actions";
import { fieldsFor, submitForm } from "./support/forms";
import { Report } from "./support/report";

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function forgedPage(target: Owned, set: Record<string, string>): string {
  const fields = fieldsFor(target.form, { set, button: target.form.buttons[0]?.text });
  const inputs = fields
    .map((f) => `<input type="hidden" name="${escapeHtml(f.name)}" value="${escapeHtml(String(f.value))}">`)
    .join("\n");
  return `<!doctype html><title>Win a prize</title>
<form id="f" method="post" enctype="multipart/form-data" action="${escapeHtml(target.pageUrl)}">${inputs}</form>
<script>document.getElementById("f").submit()</script>`;
}

/** What a person would type: the signed-out forms get real credentials, the rest plausible text. */
function valuesFor(target: Owned, victim: User, i: number): Record<string, string> {
  const set = plausibleValues(target.form, target.owner.password, `forgery ${i}`);
  const field = (re: RegExp) => target.form.textFields.find((n) => re.test(n));
  if (target.label === "Sign in") {
    set[field(/email/i) ?? "email"] = victim.email;
    set[field(/password/i) ?? "password"] = victim.password;
  }
  if (target.label === "Change email") {
    set[field(/email/i) ?? "email"] = `changed-${Date.now()}-${i}@example.test`;
    set[field(/password/i) ?? "password"] = target.owner.password;
  }
  if (target.label === "Create account") {
    set[field(/name/i) ?? "name"] = `Forged Account ${i}`;
    set[field(/email/i) ?? "email"] = `forged-${Date.now()}-${i}@example.test`;
    set[field(/password/i) ?? "password"] = `a long forged passphrase ${i}`;
  }
  return set;
}

export async function forgery(ctx: Context): Promise<Report> {
  const report = new Report("2. Forgery: cross-origin replays of every server action");
  const cast = await castAndForms(ctx, "Forgery");
  const pages = new Map<string, string>();
  const evil = http.createServer((req, res) => {
    const html = pages.get(req.url ?? "");
    res.writeHead(html ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end(html ?? "not found");
  });
  await new Promise<void>((resolve) => evil.listen(ctx.ports.evil, "127.0.0.1", resolve));
  const evilOrigin = `http://127.0.0.1:${ctx.ports.evil}`;
  const browser = await ctx.browser();

  const destructive: { target: Owned; set: Record<string, string>; button: string | undefined; name: string }[] = [];

  /** The same request from the site's own origin, by the form's owner: it must act, or the forgeries proved nothing. */
  async function control(target: Owned, set: Record<string, string>, button: string | undefined, name: string) {
    controlsTried++;
    await ctx.data.refreshSession(target.owner);
    const files = await plausibleFiles(target.form);
    const before = ctx.data.fingerprint();
    const res = await submitForm(target.pageUrl, target.form, { cookie: target.owner.cookie, set, button, files });
    // Signing in acts by setting the session cookie (a failed attempt is recorded too, so the
    // database changing is not enough); signing out by clearing it.
    const cookies = res.setCookies.filter((c) => c.startsWith(`${SESSION_COOKIE}=`));
    const acted =
      target.label === "Sign in"
        ? cookies.some((c) => !c.startsWith(`${SESSION_COOKIE}=;`))
        : target.label === "Sign out"
          ? cookies.length > 0
          : ctx.data.fingerprint() !== before;
    if (acted) controlsWrote++;
    else {
      const alert = /role="alert"[^>]*>([\s\S]*?)<\//.exec(res.body)?.[1]?.replace(/<[^>]+>/g, "");
      controlNoEffect.push(`${name} (${res.status}${alert ? `: ${alert.slice(0, 80)}` : ""})`);
    }
    report.check(acted, `control: ${name} from the site itself, by its owner, had no effect (status ${res.status})`);
    report.check(res.status < 500, `${name} from the site itself answered ${res.status}`);
  }

  let forged = 0;
  let blocked = 0;
  let controlsWrote = 0;
  let controlsTried = 0;
  const controlNoEffect: string[] = [];
  const actionIds = new Set<string>();

  // Bulk decisions last, so the single Approve's control still finds a comment to approve.
  const ordered = [
    ...cast.forms.filter((f) => !/selected/.test(f.label)),
    ...cast.forms.filter((f) => /selected/.test(f.label)),
  ];
  for (const [i, target] of ordered.entries()) {
    actionIds.add(target.actionId);
    const set = valuesFor(target, cast.reader, i);
    const button = target.form.buttons[0]?.text;
    const name = `${target.label} on ${new URL(target.pageUrl).pathname}`;
    // An earlier control (Change password) changed the victim's password: the forged sign-ins and
    // their control carry the right one, so only the Origin check can refuse them.
    if (target.label === "Sign in") await ctx.data.setPassword(cast.reader.id, cast.reader.password);
    // An earlier control (a password change, Sign out everywhere) ended the owner's session: the
    // forgeries carry a live one, so only the Origin check can refuse them.
    await ctx.data.refreshSession(target.owner);

    for (const origin of ["https://evil.example", "null"]) {
      const before = ctx.data.fingerprint();
      const res = await submitForm(target.pageUrl, target.form, { cookie: target.owner.cookie, origin, set, button });
      forged++;
      const clean = ctx.data.fingerprint() === before;
      const clearedCookie = res.setCookies.some((c) => c.startsWith(`${SESSION_COOKIE}=`));
      if (clean && !clearedCookie) blocked++;
      report.check(clean, `${name} with Origin: ${origin} wrote to the database (status ${res.status})`);
      report.check(!clearedCookie, `${name} with Origin: ${origin} changed the session cookie`);
    }

    // From a page on another origin, in the browser, with the victim's cookie.
    {
      const context = await browser.newContext();
      const signedInVictim = target.owner.cookie !== "";
      if (signedInVictim) {
        const value = target.owner.cookie.slice(target.owner.cookie.indexOf("=") + 1);
        await context.addCookies([
          { name: SESSION_COOKIE, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" },
        ]);
      }
      const page = await context.newPage();
      pages.set(`/forge-${i}`, forgedPage(target, set));
      const before = ctx.data.fingerprint();
      const landed = page.waitForResponse((r) => r.url().startsWith(ctx.base) && r.request().method() === "POST");
      await page.goto(`${evilOrigin}/forge-${i}`);
      const response = await landed;
      await response.finished();
      forged++;
      const origin = await response.request().headerValue("origin");
      const clean = ctx.data.fingerprint() === before;
      const hasSession = (await context.cookies(ctx.base)).some((c) => c.name === SESSION_COOKIE && c.value !== "");
      // A signed-in victim stays signed in as themselves; a signed-out one is not signed in by the attacker.
      const sessionUntouched = hasSession === signedInVictim;
      if (clean && sessionUntouched) blocked++;
      report.check(origin === evilOrigin, `${name}: the browser sent Origin ${origin}`);
      report.check(clean, `${name} from a page on ${evilOrigin} wrote to the database (status ${response.status()})`);
      report.check(
        sessionUntouched,
        `${name} from ${evilOrigin} ${signedInVictim ? "signed the victim out" : "signed the visitor in"}`,
      );
      await context.close();
    }

    // Control: the same request from the site itself does act (destructive ones at the end).
    if (target.destructive) destructive.push({ target, set, button, name });
    else await control(target, set, button, name);
  }
  evil.close();

  // The destructive controls last: signing out (clears the cookie), then deleting the account.
  const signOut = destructive.find((d) => d.target.label === "Sign out");
  const deleteAccount = destructive.find((d) => d.target.label === "Delete my account");
  if (report.check(signOut !== undefined, "no Sign out form to control")) {
    await control(signOut!.target, signOut!.set, signOut!.button, signOut!.name);
  }
  if (report.check(deleteAccount !== undefined, "no Delete my account form to control")) {
    const { target, set, button, name } = deleteAccount!;
    // Earlier controls changed the password: the owner confirms with the one the account has now.
    const password = `control passphrase ${Date.now()}`;
    await ctx.data.setPassword(target.owner.id, password);
    const field = target.form.textFields.find((n) => /password/i.test(n)) ?? "password";
    await control(target, { ...set, [field]: password }, button, name);
  }

  report.figure(
    `${cast.forms.length} action forms (${actionIds.size} distinct server actions) × 3 forgeries = ${forged} forged requests; blocked ${blocked}, wrote ${forged - blocked}`,
  );
  report.figure(
    `controls from the site's own origin: ${controlsWrote}/${controlsTried} wrote${controlNoEffect.length ? ` (no effect: ${controlNoEffect.join("; ")})` : ""}`,
  );
  report.figure(`forms: ${[...new Set(cast.forms.map((f) => f.label))].join(" | ")}`);
  report.check(cast.forms.length >= 10, `only ${cast.forms.length} action forms were found`);
  return report;
}
