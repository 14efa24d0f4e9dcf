import type { Metadata } from "next";
import Link from "next/link";
import { checkLinkToken } from "@/db/queries/email-tokens";
import { ConfirmEmailForm } from "@/components/auth/confirm-email-form";
import { tokenRefusalMessage } from "@/lib/email-tokens";
import styles from "../auth.module.css";

// The token is in this page's URL: never send it on to another site or page.
export const metadata: Metadata = { title: "Confirm your email", robots: { index: false }, referrer: "no-referrer" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ConfirmEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const check = checkLinkToken({ token, purpose: "confirm" });
  return (
    <div className="page">
      <section className={styles.panel} aria-labelledby="confirm-title">
        <header>
          <h1 id="confirm-title" className={styles.title}>
            Confirm your email
          </h1>
        </header>
        {check.ok ? (
          <ConfirmEmailForm token={token} label="Confirm my email" />
        ) : (
          <div className="form">
            <div role="alert" className="alert">
              <p>{tokenRefusalMessage("confirm", check.reason)}</p>
            </div>
            <p>
              Signed in? <Link href="/account">Send a new link from your account</Link>.
            </p>
          </div>
        )}
      </section>
    </div>
  );
}
