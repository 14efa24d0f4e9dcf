/**
 * Sign-in race (issue 12, finding 3): 50 wrong passwords for one account, sent
 * at once. Each attempt must be counted before its password is checked, so at
 * most the throttle's limit of them get a real verdict ("incorrect"); the rest
 * are refused as too many attempts, however the requests interleave. Attempts
 * that find no hashing slot in time (finding 4) are told to try again in a
 * moment, unchecked and uncounted.
 */
import type { Context } from "./support/context";
import { formWithButton } from "./support/forms";
import { submitForm } from "./support/forms";
import { Report, range } from "./support/report";
import { formAlert, getPage } from "./support/site";
import { MAX_FAILURES } from "@/lib/throttle";

const ATTEMPTS = 50;

export async function signinRace(ctx: Context): Promise<Report> {
  const report = new Report(`Sign-in race: ${ATTEMPTS} parallel wrong passwords for one account`);
  const user = await ctx.data.createUser({ name: "Race target", realPasswordCost: true });
  const page = await getPage(`${ctx.base}/signin`);
  const form = formWithButton(page.forms, "Sign in");
  if (!report.check(form !== undefined, `no "Sign in" form on /signin (status ${page.status})`)) return report;
  // Its own client address (a loopback source address the server sees on the socket),
  // so the failures below lock out no other item's sign-ins.
  const address = "127.0.11.1";
  const answers = await Promise.all(
    range(ATTEMPTS).map(() =>
      submitForm(`${ctx.base}/signin`, form!, {
        set: { email: user.email, password: "not the password" },
        localAddress: address,
      }),
    ),
  );
  const alerts = answers.map((a) => formAlert(a.body, "Sign in") ?? `status ${a.status}`);
  const verdicts = alerts.filter((a) => a === "Email or password is incorrect.").length;
  const throttled = alerts.filter((a) => a.startsWith("Too many attempts")).length;
  const busy = alerts.filter((a) => /try again in a moment/.test(a)).length;
  const other = alerts.filter(
    (a) =>
      a !== "Email or password is incorrect." && !a.startsWith("Too many attempts") && !/try again in a moment/.test(a),
  );
  report.figure(
    `${ATTEMPTS} parallel wrong passwords: ${verdicts} real verdicts (limit ${MAX_FAILURES}), ${throttled} refused as too many attempts, ${busy} told to try again in a moment, ${other.length} other`,
  );
  report.check(
    verdicts <= MAX_FAILURES,
    `${verdicts} attempts were checked against the password (limit ${MAX_FAILURES})`,
  );
  report.check(verdicts > 0, "no attempt got a verdict at all");
  report.check(other.length === 0, `unexpected answers: ${[...new Set(other)].slice(0, 3).join(" | ")}`);
  // Leave no failures behind for this account or address.
  ctx.data.raw.prepare("DELETE FROM signin_attempts WHERE email = ? OR ip = ?").run(user.email, address);
  return report;
}
