import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import styles from "../auth.module.css";

export const metadata: Metadata = { title: "Forgot your password?", robots: { index: false } };

export default function ForgotPasswordPage() {
  return (
    <div className="page">
      <section className={styles.panel} aria-labelledby="forgot-title">
        <header>
          <h1 id="forgot-title" className={styles.title}>
            Forgot your password?
          </h1>
          <p className={styles.lede}>
            Enter the email you signed up with and we will send you a link to set a new password. The link works once,
            for one hour.
          </p>
        </header>
        <ForgotPasswordForm />
        <p className={styles.switch}>
          Remembered it? <Link href="/signin">Sign in</Link>
        </p>
      </section>
    </div>
  );
}
