import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getViewer } from "@/app/_lib/guards";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { safeCallbackUrl } from "@/lib/safe-redirect";
import styles from "../auth.module.css";

export const metadata: Metadata = { title: "Create an account", robots: { index: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const raw = params.callbackUrl;
  const callbackUrl = safeCallbackUrl(Array.isArray(raw) ? raw[0] : raw);
  if (await getViewer()) redirect(callbackUrl);
  const signInHref = callbackUrl === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`;

  return (
    <div className="page">
      <section className={styles.panel} aria-labelledby="signup-title">
        <header>
          <h1 id="signup-title" className={styles.title}>
            Create your account
          </h1>
          <p className={styles.lede}>
            Join the conversation: comment on stories, reply to other readers and like what you agree with.
          </p>
        </header>
        <SignUpForm callbackUrl={callbackUrl} />
        <p className={styles.switch}>
          Already have an account? <Link href={signInHref}>Sign in</Link>
        </p>
      </section>
    </div>
  );
}
