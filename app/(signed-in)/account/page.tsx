import { ROLE_LABELS } from "@/lib/vocabulary";
import { formatMonthYear } from "@/lib/dates";
import type { Metadata } from "next";
import { requireUser } from "@/app/_lib/guards";
import { saveMailSettingsAction, signOutEverywhereAction } from "@/app/(signed-in)/account/actions";
import { getDb } from "@/db";
import { getReplyMailSetting } from "@/db/queries/reply-mail";
import { getStaffMailLists } from "@/db/queries/mail-lists";
import { MAIL_LIST_COPY, MAIL_LISTS } from "@/lib/mail/mail-lists";
import { can } from "@/lib/roles";
import { ChangeEmailForm } from "@/components/account/change-email-form";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { ResendConfirmationForm } from "@/components/account/resend-confirmation-form";
import { SetPasswordForm } from "@/components/account/set-password-form";
import { getPendingEmailChange } from "@/db/queries/email-tokens";
import { OwnComments } from "@/components/account/own-comments";
import { UpdateNameForm } from "@/components/account/update-name-form";
import { listCommentsByAuthor } from "@/db/queries/comment-threads";
import { countCommentsByAuthor, getPasswordHashById } from "@/db/queries/users";
import styles from "./account.module.css";

export const metadata: Metadata = { title: "Your account", robots: { index: false } };

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireUser({ callbackUrl: "/account" });
  const mailSaved = (await searchParams).done === "mail";
  const mailLists = {
    replies: getReplyMailSetting(getDb(), viewer.id),
    ...(can(viewer, "moderate") ? getStaffMailLists(getDb(), viewer.id) : {}),
  };
  const comments = listCommentsByAuthor({ authorId: viewer.id, limit: 50 });
  const total = countCommentsByAuthor({ authorId: viewer.id });
  const hasPassword = getPasswordHashById({ id: viewer.id }) !== null;
  const pendingEmail = getPendingEmailChange({ userId: viewer.id });

  return (
    <div className="page">
      <header className={styles.header}>
        <p className="kicker">Your account</p>
        <h1 className={styles.title}>{viewer.name}</h1>
        <dl className={styles.facts}>
          <div>
            <dt>Email</dt>
            <dd>
              {viewer.email} ({viewer.emailConfirmed ? "confirmed" : "not confirmed"})
            </dd>
          </div>
          <div>
            <dt>Member since</dt>
            <dd>{formatMonthYear(viewer.createdAt)}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{ROLE_LABELS[viewer.role].title}</dd>
          </div>
        </dl>
      </header>

      <div className={`${styles.grid} ${styles.accountGrid}`}>
        <section className={`${styles.card} ${styles.areaProfile}`} aria-labelledby="profile-title">
          <h2 id="profile-title">Profile</h2>
          <UpdateNameForm name={viewer.name} />
        </section>

        <section className={`${styles.card} ${styles.areaEmail}`} aria-labelledby="email-title">
          <h2 id="email-title">Email</h2>
          {viewer.emailConfirmed ? (
            <p data-testid="email-confirmation">Your email {viewer.email} is confirmed.</p>
          ) : (
            <>
              <p data-testid="email-confirmation">
                Your email {viewer.email} is not confirmed yet. Open the link we mailed you, or ask for a new one.
              </p>
              <ResendConfirmationForm />
            </>
          )}
          {pendingEmail ? (
            <p className="notice notice--warning">
              Waiting for you to open the link we sent to {pendingEmail}. Until then your email stays {viewer.email}.
            </p>
          ) : null}
          <form action={saveMailSettingsAction} className="form" aria-label="Email settings">
            {mailSaved ? (
              <p role="status" className="notice">
                Email settings saved.
              </p>
            ) : null}
            {MAIL_LISTS.map((list) => {
              const on = mailLists[list];
              return on === undefined ? null : (
                <div key={list}>
                  <div className="choice">
                    <input id={`mail-${list}`} type="checkbox" name={list} defaultChecked={on} />
                    <label htmlFor={`mail-${list}`}>{MAIL_LIST_COPY[list].checkbox}</label>
                  </div>
                  <p className="field__hint">
                    {list === "replies"
                      ? "At most one email per conversation every 15 minutes."
                      : "For moderators. At most one email every 15 minutes."}
                  </p>
                </div>
              );
            })}
            <div className="actions">
              <button type="submit" className="button button--small">
                Save email settings
              </button>
            </div>
          </form>
          {hasPassword ? <ChangeEmailForm /> : <p>Set a password to change your email.</p>}
        </section>

        <section className={`${styles.card} ${styles.areaPassword}`} aria-labelledby="password-title">
          <h2 id="password-title">Password</h2>
          {hasPassword ? (
            <ChangePasswordForm />
          ) : (
            <>
              <p>
                You sign in with GitHub or Google. Set a password to also sign in with your email, or to delete your
                account.
              </p>
              <SetPasswordForm />
            </>
          )}
        </section>

        <section className={`${styles.card} ${styles.areaSessions}`} aria-labelledby="sessions-title">
          <h2 id="sessions-title">Sessions</h2>
          <p>Signed in on a shared or lost device? This signs you out on every device, this one too.</p>
          <form action={signOutEverywhereAction}>
            <button type="submit" className="button">
              Sign out everywhere
            </button>
          </form>
        </section>

        {/* The reader's own comments (db/queries/comment-threads.ts), hidden ones included. */}
        <section className={`${styles.card} ${styles.areaComments}`} aria-labelledby="comments-title">
          <h2 id="comments-title">Your comments{total > 0 ? <span className="meta"> ({total})</span> : null}</h2>
          <OwnComments comments={comments} />
          {total > comments.length ? (
            <p>Showing your latest {comments.length}. Your data download has all of them.</p>
          ) : null}
        </section>

        <section className={`${styles.card} ${styles.areaData}`} aria-labelledby="data-title">
          <h2 id="data-title">Your data</h2>
          <p>A JSON file with your profile and every comment you have written, including hidden ones.</p>
          <a href="/account/export" download className={`button ${styles.download}`}>
            Download my data
          </a>
        </section>

        <section className={`${styles.card} ${styles.danger} ${styles.areaDelete}`} aria-labelledby="delete-title">
          <h2 id="delete-title">Delete account</h2>
          <p>
            Your account and sign-in are removed for good. Your comments stay in their threads so replies keep their
            context, but show “Deleted user” instead of your name.
          </p>
          {/* A GET form: a real button that opens the confirmation page, with or without JavaScript. */}
          <form action="/account/delete" method="get">
            <button type="submit" className="button button--danger">
              Delete my account
            </button>
          </form>
        </section>
      </div>
    </div>
  );
}
