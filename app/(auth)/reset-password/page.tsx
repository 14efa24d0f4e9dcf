import type { Metadata } from "next";
import Link from "next/link";
import { checkLinkToken } from "@/db/queries/email-tokens";
import { ResetLinkRefused, ResetPasswordForm } from "@/components/auth/reset-password-form";
import { tokenRefusalMessage } from "@/lib/email-tokens";
import styles from "../auth.module.css";

// The token is in this page's URL; the site's Referrer-Policy (strict-origin-when-cross-origin) never
// sends it to another site. Not "no-referrer": the form's POST would then carry `Origin: null`,
// which Next refuses as a cross-site server action.
export const metadata: Metadata = { title: "Set a new password", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  // Only looked at, not used up: a mail scanner opening the link leaves it working.
  const check = checkLinkToken({ token, purpose: "reset" });
  return (
    <div className="page">
      <section className={styles.panel} aria-labelledby="reset-title">
        <header>
          <h1 id="reset-title" className={styles.title}>
            Set a new password
          </h1>
          <p className={styles.lede}>Setting a new password signs you out on every other device.</p>
        </header>
        {check.ok ? (
          <ResetPasswordForm token={token} />
        ) : (
          <ResetLinkRefused message={tokenRefusalMessage("reset", check.reason)} />
        )}
        <p className={styles.switch}>
          Remembered it? <Link href="/signin">Sign in</Link>
        </p>
      </section>
    </div>
  );
}
