/**
 * Mail survives a dead SMTP server and a crash (issue 14). Readers reply to
 * twelve confirmed readers while the SMTP server is down: every reply is
 * acknowledged at once and its mail waits in the outbox, tried and refused.
 * The SMTP server comes back slow: it takes in the first retried message and
 * holds its answer, and the site is killed with SIGKILL in that moment, after
 * the message was handed over and before the site could record it as sent.
 * With the SMTP server well again and the site restarted, every expected mail
 * must arrive (none lost), each under its own stable Message-ID, so the one
 * sent twice is recognisable as the same message; nothing else arrives.
 */
import path from "node:path";
import { SMTPServer } from "smtp-server";
import type { Context } from "./support/context";
import { Data, type User } from "./support/data";
import { formWithButton } from "./support/forms";
import { Report } from "./support/report";
import { startServer } from "./support/server";
import { formAlert, getPage } from "./support/site";
import { submitForm } from "./support/forms";

const RECIPIENTS = 12;

type Received = { messageId: string; to: string };

/** A real SMTP server that can be told to hold its answer to a message it has taken in. */
function startSmtp(port: number) {
  const received: Received[] = [];
  let hold = true;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? "(none)";
        received.push({ messageId, to: session.envelope.rcptTo.map((r) => r.address).join(",") });
        // Holding: the message is here, the sender never hears so (it is killed meanwhile).
        if (!hold) callback();
      });
    },
  });
  return {
    received,
    listen: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)),
    heal: () => {
      hold = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
  return true;
}

export async function mailRecovery(ctx: Context): Promise<Report> {
  const report = new Report("mail recovery: SMTP down, then kill -9 mid-send; every mail arrives, once by Message-ID");
  const file = path.join(ctx.tmp, "mail.db");
  const data = new Data(file, ctx.secret);
  const smtpPort = ctx.ports.smtp;
  const start = () =>
    startServer({
      port: ctx.ports.crash,
      databasePath: file,
      authSecret: ctx.secret,
      distDir: ctx.distDir,
      env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: "Broadsheet <news@example.test>" },
    });

  const article = data.createArticle();
  const replier = await data.createUser();
  const recipients: { user: User; commentId: number }[] = [];
  for (let i = 0; i < RECIPIENTS; i++) {
    const user = await data.createUser();
    data.raw.prepare("UPDATE users SET emailVerified = ? WHERE id = ?").run(Date.now(), user.id);
    const row = data.raw
      .prepare(
        "INSERT INTO comments (article_id, depth, author_id, body, status, created_at) VALUES (?, 0, ?, ?, 'approved', ?) RETURNING id",
      )
      .get(article.id, user.id, `Question ${i} from ${user.name}`, Date.now()) as { id: number };
    data.raw.prepare("UPDATE comments SET root_id = id WHERE id = ?").run(row.id);
    recipients.push({ user, commentId: row.id });
  }
  data.raw.prepare("UPDATE articles SET comment_count = comment_count + ? WHERE id = ?").run(RECIPIENTS, article.id);
  const outbox = () =>
    data.raw
      .prepare("SELECT message_id, to_address, status, attempts, last_error FROM mail_outbox ORDER BY id")
      .all() as {
      message_id: string;
      to_address: string;
      status: string;
      attempts: number;
      last_error: string | null;
    }[];

  // 1. The SMTP server is down (nothing listens on its port); every reply is acknowledged all the same.
  let site = await start();
  let acknowledged = 0;
  for (const { commentId } of recipients) {
    const pageUrl = `${site.url}/articles/${article.slug}?reply=${commentId}`;
    const page = await getPage(pageUrl, replier.cookie);
    const form = formWithButton(page.forms, "Post reply");
    const field = form?.textFields[0];
    if (!form || !field) throw new Error(`No reply form on ${pageUrl} (status ${page.status})`);
    const res = await submitForm(pageUrl, form, { cookie: replier.cookie, set: { [field]: `Answer to ${commentId}` } });
    if (res.status === 303 || (res.status === 200 && formAlert(res.body, "Post reply") === null)) acknowledged++;
  }
  report.check(acknowledged === RECIPIENTS, `${acknowledged} of ${RECIPIENTS} replies acknowledged with SMTP down`);
  const queued = outbox();
  report.check(queued.length === RECIPIENTS, `${queued.length} mails queued for ${RECIPIENTS} replies`);
  const triedWhileDown = await until(() => outbox().every((m) => m.attempts >= 1), 30_000);
  report.check(triedWhileDown, "the sender did not try every mail while the SMTP server was down");
  const refused = outbox().filter((m) => m.status === "queued" && m.last_error).length;
  report.figure(
    `SMTP down: ${refused} of ${RECIPIENTS} mails tried, refused and kept for a retry (${outbox()[0]?.last_error ?? "no error"})`,
  );

  // 2. The SMTP server comes back, slow: it takes the first retried message in and holds its answer. Kill -9.
  const smtp = startSmtp(smtpPort);
  await smtp.listen();
  const handedOver = await until(() => smtp.received.length >= 1, 90_000);
  report.check(handedOver, "no retry reached the SMTP server within 90 s of its return");
  await site.kill9();
  const inFlight = smtp.received[0]?.messageId ?? "(none)";
  const sentBeforeKill = outbox().filter((m) => m.status === "sent").length;
  report.figure(`killed -9 with ${inFlight} handed over but unanswered; ${sentBeforeKill} marked sent before the kill`);

  // 3. Both recover: every mail goes out.
  smtp.heal();
  site = await start();
  const allSent = await until(() => outbox().every((m) => m.status === "sent"), 120_000);
  report.check(
    allSent,
    `not every mail was sent within 120 s of the restart: ${JSON.stringify(outbox().map((m) => m.status))}`,
  );
  await site.stop();
  await smtp.close();

  const expected = new Map(outbox().map((m) => [m.message_id, m.to_address]));
  const distinct = new Set(smtp.received.map((r) => r.messageId));
  const missing = [...expected.keys()].filter((id) => !distinct.has(id));
  const unknown = [...distinct].filter((id) => !expected.has(id));
  const misaddressed = smtp.received.filter(
    (r) => expected.get(r.messageId) !== r.to.toLowerCase() && expected.has(r.messageId),
  );
  report.check(missing.length === 0, `${missing.length} mails never arrived: ${missing.join(", ")}`);
  report.check(
    unknown.length === 0,
    `${unknown.length} mails arrived that the outbox does not know: ${unknown.join(", ")}`,
  );
  report.check(misaddressed.length === 0, `${misaddressed.length} mails went to the wrong address`);
  const perRecipient = recipients.map(
    ({ user }) =>
      new Set(smtp.received.filter((r) => r.to.toLowerCase() === user.email.toLowerCase()).map((r) => r.messageId))
        .size,
  );
  report.check(
    perRecipient.every((n) => n === 1),
    `each reader should get one mail (by Message-ID): ${perRecipient.join(",")}`,
  );
  const duplicates = smtp.received.length - distinct.size;
  report.figure(
    `${distinct.size} of ${expected.size} mails arrived; ${smtp.received.length} deliveries, ${duplicates} a repeat of the same Message-ID (the one in flight at the kill)`,
  );
  data.close();
  return report;
}
