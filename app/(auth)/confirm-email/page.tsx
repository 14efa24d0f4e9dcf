import type { Metadata } from "next";
import { checkLinkToken } from "@/db/queries/email-tokens";
import { ConfirmEmailForm } from "@/components/auth/confirm-email-form";
import { tokenRefusalMessage } from "@/lib/email-tokens";
import styles from "../auth.module.css";

// The token is in this page's URL; the site's Referrer-Policy (strict-origin-when-cross-origin) never
// sends it to another site. Not "no-referrer": the form's POST would then carry `Origin: null`,
// which Next refuses as a cross-site server action.
export const metadata: Metadata = { title: "Confirm your email", robots: { index: false } };

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
        <ConfirmEmailForm token={token} refusal={check.ok ? undefined : tokenRefusalMessage("confirm", check.reason)} />
      </section>
    </div>
  );
}
