import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getViewer } from "@/app/_lib/guards";
import { oauthSignInAction } from "@/app/(auth)/actions";
import { SignInForm } from "@/components/auth/sign-in-form";
import { enabledOAuthProviders } from "@/lib/auth-providers";
import { safeCallbackUrl } from "@/lib/safe-redirect";
import styles from "../auth.module.css";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

/** Auth.js sends OAuth failures back here with ?error=…; say something a reader understands. */
function messageForError(error: string | undefined): string | undefined {
  if (!error) return undefined;
  if (error === "OAuthAccountNotLinked") {
    return "That email address already has a Broadsheet account. Sign in with your email and password.";
  }
  if (error === "CredentialsSignin") return "Email or password is incorrect.";
  return "We could not sign you in. Please try again.";
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(first(params.callbackUrl));
  if (await getViewer()) redirect(callbackUrl);
  const providers = enabledOAuthProviders(process.env);
  const signUpHref = callbackUrl === "/" ? "/signup" : `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`;

  return (
    <div className="page">
      <section className={styles.panel} aria-labelledby="signin-title">
        <header>
          <h1 id="signin-title" className={styles.title}>
            Sign in
          </h1>
          <p className={styles.lede}>Welcome back. Sign in to comment, reply and like.</p>
        </header>
        {providers.length > 0 ? (
          <>
            <div className={styles.oauth}>
              {providers.map((p) => (
                <form key={p.id} action={oauthSignInAction}>
                  <input type="hidden" name="provider" value={p.id} />
                  <input type="hidden" name="callbackUrl" value={callbackUrl} />
                  <button type="submit" className="button">
                    Continue with {p.name}
                  </button>
                </form>
              ))}
            </div>
            <p className={styles.divider}>or with your email</p>
          </>
        ) : null}
        <SignInForm callbackUrl={callbackUrl} initialMessage={messageForError(first(params.error))} />
        <p className={styles.lede}>
          <Link href="/forgot-password">Forgot your password?</Link>
        </p>
        <p className={styles.switch}>
          New to Broadsheet? <Link href={signUpHref}>Create an account</Link>
        </p>
      </section>
    </div>
  );
}
