import type { Metadata } from "next";
import { getDb } from "@/db";
import { readerOfToken } from "@/db/queries/mail-lists";
import { MAIL_LIST_COPY, parseMailList } from "@/lib/mail/mail-lists";
import { unsubscribeAction } from "./actions";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Where a notification mail's unsubscribe link lands: one button, signed in or not. */
export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const token = first(params.t) ?? "";
  const list = parseMailList(first(params.list));
  const about = MAIL_LIST_COPY[list].about;
  const reader = readerOfToken(getDb(), { token, list });
  return (
    <div className="page page--narrow">
      <h1>Email notifications</h1>
      {!reader ? (
        <p role="alert" className="alert">
          This unsubscribe link is not valid. You can change your email settings on your account page.
        </p>
      ) : params.done === "1" || reader.stopped ? (
        <p role="status" className="notice">
          {reader.email} will no longer get an email {about}. You can turn these back on from your account page.
        </p>
      ) : (
        <form action={unsubscribeAction} className="form">
          <input type="hidden" name="t" value={token} />
          <input type="hidden" name="list" value={list} />
          <p>
            Stop emails to {reader.email} {about}?
          </p>
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
