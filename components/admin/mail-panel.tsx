import { getMailFigures } from "@/db/queries/mail-outbox";
import { describeTransport } from "@/lib/mail/transport";
import { formatDateTime } from "@/lib/dates";
import { sendTestMail } from "@/app/admin/mail-actions";
import { TestMailForm } from "./test-mail-form";
import styles from "./admin.module.css";

/** /admin: where mail goes and how the outbox is doing. */
export function MailPanel({ canSendTest }: { canSendTest: boolean }) {
  const transport = describeTransport();
  const figures = getMailFigures();
  return (
    <section className={styles.panel} aria-labelledby="mail">
      <h2 id="mail">Mail</h2>
      <p data-testid="mail-transport">
        {transport.kind === "smtp" ? (
          <>
            Sending by SMTP through <strong>{transport.host}</strong>.
          </>
        ) : (
          <>
            No SMTP server is set (<code>SMTP_URL</code>): mail is written to <code>{transport.folder}</code> and its
            links are printed on the server console.
          </>
        )}
      </p>
      <dl className={styles.mailFigures}>
        <div>
          <dt>Queued</dt>
          <dd data-testid="mail-queued">{figures.queued}</dd>
        </div>
        <div>
          <dt>Sent</dt>
          <dd data-testid="mail-sent">{figures.sent}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd data-testid="mail-failed">{figures.failed}</dd>
        </div>
      </dl>
      {figures.lastError ? (
        <p className="meta" data-testid="mail-last-error">
          Last error ({formatDateTime(figures.lastError.at)}, to {figures.lastError.to}): {figures.lastError.message}
        </p>
      ) : (
        <p className="meta">No errors.</p>
      )}
      {canSendTest ? <TestMailForm action={sendTestMail} /> : null}
    </section>
  );
}
