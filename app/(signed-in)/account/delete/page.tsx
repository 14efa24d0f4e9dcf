import type { Metadata } from "next";
import { requireUser } from "@/app/_lib/guards";
import { DeleteAccountForm } from "@/components/account/delete-account-form";
import styles from "../account.module.css";

export const metadata: Metadata = { title: "Delete your account", robots: { index: false } };

export default async function DeleteAccountPage() {
  const viewer = await requireUser({ callbackUrl: "/account/delete" });
  return (
    <div className="page page--narrow">
      <header className={styles.header}>
        <p className="kicker">Your account</p>
        <h1 className={styles.title}>Delete your account</h1>
      </header>
      <div className={styles.grid}>
        <section className={`${styles.card} ${styles.danger}`} aria-labelledby="confirm-title">
          <h2 id="confirm-title">This cannot be undone</h2>
          <p>
            The account for <strong>{viewer.email}</strong> and every sign-in to it will be removed. Your comments stay
            in their threads, shown as written by “Deleted user”. You can{" "}
            <a href="/account/export">download your data</a> first.
          </p>
          <DeleteAccountForm />
        </section>
      </div>
    </div>
  );
}
