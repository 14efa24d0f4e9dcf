import type { Metadata } from "next";
import Link from "next/link";
import styles from "../account.module.css";

export const metadata: Metadata = { title: "Account deleted", robots: { index: false } };

export default function AccountDeletedPage() {
  return (
    <div className="page page--narrow">
      <header className={styles.header}>
        <h1 className={styles.title}>Your account has been deleted</h1>
      </header>
      <div className={styles.grid}>
        <div className={styles.card}>
          <p role="status">You are signed out. Your comments now show “Deleted user”.</p>
          <p>
            Thank you for reading. <Link href="/">Return to the front page</Link>
          </p>
        </div>
      </div>
    </div>
  );
}
