import type { Metadata } from "next";
import { getDb } from "@/db";
import { readerOfToken } from "@/db/queries/reply-mail";
import { unsubscribeAction } from "./actions";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Where a reply mail's unsubscribe link lands: one button, signed in or not. */
export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const token = first(params.t) ?? "";
  const reader = readerOfToken(getDb(), token);
  return (
    <div className="page page--narrow">
      <h1>Reply emails</h1>
      {!reader ? (
        <p role="alert" className="alert">
          This unsubscribe link is not valid. You can change your email settings on your account page.
        </p>
      ) : params.done === "1" || reader.replyEmails === false ? (
        <p role="status" className="notice">
          {reader.email} will no longer get an email when someone replies. You can turn them back on from your account
          page.
        </p>
      ) : (
        <form action={unsubscribeAction} className="form">
          <input type="hidden" name="t" value={token} />
          <p>Stop emails to {reader.email} when someone replies to a comment?</p>
          <div className="actions">
            <button type="submit" className="button button--primary">
              Unsubscribe
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
