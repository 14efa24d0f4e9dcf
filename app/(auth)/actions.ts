"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { signIn, signOut, signinTicket } from "@/auth";
import { createUserWithPassword, getUserCredentialsByEmail } from "@/db/queries/users";
import { listRecentSigninFailures, recordSigninAttempt } from "@/db/queries/signin-attempts";
import { getModerationSettings } from "@/db/queries/settings";
import { claimSignup, releaseSignup } from "@/db/queries/signup-attempts";
import {
  bannedNameMessage,
  bannedWordInName,
  ForgotPasswordSchema,
  ResetPasswordSchema,
  SignInSchema,
  SignUpSchema,
} from "@/lib/account-rules";
import {
  checkLinkToken,
  confirmEmailWithToken,
  requestPasswordReset,
  resetPasswordWithToken,
} from "@/db/queries/email-tokens";
import { newEmailToken, RESET_LINK_SENT, tokenRefusalMessage, TOO_MANY_REQUESTS_MESSAGE } from "@/lib/email-tokens";
import { wakeMailSender } from "@/lib/mail/sender";
import { fieldErrors, formText, type FormState } from "@/lib/form-state";
import { enabledOAuthProviders } from "@/lib/auth-providers";
import { hashPassword } from "@/lib/passwords";
import { safeCallbackUrl } from "@/lib/safe-redirect";
import { decideThrottle, throttleMessage } from "@/lib/throttle";
import { clientAddressOf } from "@/app/_lib/client-address";
import { HASHING_BUSY_MESSAGE, HashingBusy, waitedTooLong, withHashingSlot } from "@/app/_lib/auth-capacity";
import { DEFAULT_SIGNUPS_PER_ADDRESS_PER_HOUR, parseSignupLimit, signupLimitMessage } from "@/lib/signup-limit";

const WRONG_CREDENTIALS = "Email or password is incorrect.";

let warnedSignupLimit = false;
/** SIGNUPS_PER_ADDRESS_PER_HOUR (default 50; 0 turns the limit off). */
function signupLimit(): number {
  const limit = parseSignupLimit(process.env.SIGNUPS_PER_ADDRESS_PER_HOUR);
  if (limit !== null) return limit;
  if (!warnedSignupLimit) {
    warnedSignupLimit = true;
    console.error(
      `SIGNUPS_PER_ADDRESS_PER_HOUR=${JSON.stringify(process.env.SIGNUPS_PER_ADDRESS_PER_HOUR)} is not a whole number: using ${DEFAULT_SIGNUPS_PER_ADDRESS_PER_HOUR}.`,
    );
  }
  return DEFAULT_SIGNUPS_PER_ADDRESS_PER_HOUR;
}

function throttleState(email: string, ip: string): FormState | null {
  const now = new Date();
  const decision = decideThrottle(listRecentSigninFailures({ email, ip, now }), now);
  return decision.refused ? { ok: false, message: throttleMessage(decision.minutesLeft), values: { email } } : null;
}

/**
 * Hands the checked credentials to Auth.js, whose redirect (to the callback
 * URL, with the session cookie set) propagates as NEXT_REDIRECT. Only
 * AuthError is caught: a failed or refused sign-in becomes a message.
 */
async function signInWithCredentials(
  credentials: { email: string; password: string } | { email: string; ticket: string },
  redirectTo: string,
  ip: string,
): Promise<FormState> {
  const { email } = credentials;
  try {
    await signIn("credentials", { ...credentials, redirectTo });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = error.type === "CredentialsSignin" ? (error as AuthError & { code?: string }).code : undefined;
      if (code === "throttled") {
        return throttleState(email, ip) ?? { ok: false, message: throttleMessage(15), values: { email } };
      }
      if (code === "busy") return { ok: false, message: HASHING_BUSY_MESSAGE, values: { email } };
      if (error.type === "CredentialsSignin") return { ok: false, message: WRONG_CREDENTIALS, values: { email } };
      console.error("Sign-in failed", error);
      return { ok: false, message: "We could not sign you in just now. Please try again.", values: { email } };
    }
    throw error;
  }
  return { ok: true };
}

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const rawEmail = formText(formData, "email");
  const requestHeaders = await headers();
  if (waitedTooLong(requestHeaders))
    return { ok: false, message: HASHING_BUSY_MESSAGE, values: { email: rawEmail.trim() } };
  const redirectTo = safeCallbackUrl(formText(formData, "callbackUrl"));
  const parsed = SignInSchema.safeParse({ email: rawEmail, password: formText(formData, "password") });
  if (!parsed.success) {
    return { ok: false, errors: fieldErrors(parsed.error), values: { email: rawEmail.trim() } };
  }
  const { email, password } = parsed.data;
  const ip = clientAddressOf(requestHeaders);
  const refused = throttleState(email, ip);
  if (refused) return refused;
  return signInWithCredentials({ email, password }, redirectTo, ip);
}

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const raw = {
    name: formText(formData, "name"),
    email: formText(formData, "email"),
    password: formText(formData, "password"),
  };
  const values = { name: raw.name, email: raw.email.trim() };
  const requestHeaders = await headers();
  if (waitedTooLong(requestHeaders)) return { ok: false, message: HASHING_BUSY_MESSAGE, values };
  const redirectTo = safeCallbackUrl(formText(formData, "callbackUrl"));
  const parsed = SignUpSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), values };

  const { name, email, password } = parsed.data;
  const banned = bannedWordInName(name, getModerationSettings().bannedWords);
  if (banned) return { ok: false, errors: { name: bannedNameMessage(banned) }, values };
  const ip = clientAddressOf(requestHeaders);
  // Trying emails at sign-up tells which ones have accounts, as a failed sign-in
  // would: each existing email counts as a failed sign-in, and the same limit applies.
  const refused = throttleState(email, ip);
  if (refused) return { ...refused, values };
  const taken = { ok: false, errors: { email: "An account with this email already exists. Sign in instead." }, values };
  // Cheap check first, so a duplicate costs no hashing; the insert re-checks inside its transaction.
  if (getUserCredentialsByEmail({ email })) {
    recordSigninAttempt({ email, ip, succeeded: false, now: new Date() });
    return taken;
  }
  // Counted before hashing, in one immediate transaction, so a burst cannot pass the limit.
  const claim = claimSignup({ ip, now: new Date(), limit: signupLimit() });
  if (claim.refused) return { ok: false, message: signupLimitMessage(claim.minutesLeft), values };
  let passwordHash: string;
  try {
    passwordHash = await withHashingSlot((derive) => hashPassword(password, derive));
  } catch (error) {
    releaseSignup({ attemptId: claim.attemptId }); // nothing was hashed, so it does not count
    if (error instanceof HashingBusy) return { ok: false, message: HASHING_BUSY_MESSAGE, values };
    throw error;
  }
  let created;
  try {
    created = createUserWithPassword({ name, email, passwordHash, confirmation: newEmailToken() });
  } catch (error) {
    console.error("Sign-up failed", error);
    return { ok: false, message: "We could not create your account just now. Please try again.", values };
  }
  if (!created.ok) return taken;
  // The password was just checked and hashed: sign the new account in with a one-minute server-side ticket.
  wakeMailSender(); // the confirmation link was queued with the account
  return signInWithCredentials({ email, ticket: signinTicket(created.id) }, redirectTo, ip);
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

/** Starts a GitHub or Google sign-in; only providers switched on by the environment are accepted. */
export async function oauthSignInAction(formData: FormData): Promise<void> {
  const provider = formText(formData, "provider");
  const redirectTo = safeCallbackUrl(formText(formData, "callbackUrl"));
  if (!enabledOAuthProviders(process.env).some((p) => p.id === provider)) return;
  await signIn(provider, { redirectTo });
}

/**
 * `Send reset link`. The answer is the same whether or not the email has an
 * account, and so is the work: a token is made and hashed and the same rows
 * are read and written either way (db/queries/email-tokens.ts).
 */
export async function requestPasswordResetAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const raw = formText(formData, "email");
  const values = { email: raw.trim() };
  const parsed = ForgotPasswordSchema.safeParse({ email: raw });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), values };
  const ip = clientAddressOf(await headers());
  const { token, tokenHash } = newEmailToken();
  let result;
  try {
    result = requestPasswordReset({ email: parsed.data.email, ip, token, tokenHash });
  } catch (error) {
    console.error("Password reset request failed", error);
    return { ok: false, message: "We could not send the link just now. Please try again.", values };
  }
  if (!result.ok) return { ok: false, message: TOO_MANY_REQUESTS_MESSAGE, values };
  wakeMailSender();
  return { ok: true, message: RESET_LINK_SENT, values, doneAt: Date.now() };
}

/**
 * `Set new password` from a mailed link: the link is checked before any
 * hashing and again, with the write, in one transaction (it is used once).
 * Every session of the account ends; this browser is signed in afresh.
 */
export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = ResetPasswordSchema.safeParse({
    token: formText(formData, "token"),
    password: formText(formData, "password"),
  });
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    if (errors.token) return { ok: false, errors: { token: tokenRefusalMessage("reset", "forged") } };
    return { ok: false, errors };
  }
  const { token, password } = parsed.data;
  const before = checkLinkToken({ token, purpose: "reset" });
  if (!before.ok) return { ok: false, errors: { token: tokenRefusalMessage("reset", before.reason) } };
  let passwordHash: string;
  try {
    passwordHash = await withHashingSlot((derive) => hashPassword(password, derive));
  } catch (error) {
    if (error instanceof HashingBusy) return { ok: false, message: HASHING_BUSY_MESSAGE };
    throw error;
  }
  const reset = resetPasswordWithToken({ token, passwordHash });
  if (!reset.ok) return { ok: false, errors: { token: tokenRefusalMessage("reset", reset.reason) } };
  const ip = clientAddressOf(await headers());
  return signInWithCredentials({ email: reset.email, ticket: signinTicket(reset.userId) }, "/account", ip);
}

/**
 * `Confirm my email` on the mailed link's page: a button, not the GET, does
 * it, so a mail scanner opening the link confirms nothing. Works signed out.
 */
export async function confirmEmailAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const token = formText(formData, "token");
  const result = confirmEmailWithToken({ token });
  if (!result.ok) {
    if (result.reason === "taken") {
      return { ok: false, message: "Another account now uses that email, so it cannot be yours as well." };
    }
    return { ok: false, message: tokenRefusalMessage("confirm", result.reason) };
  }
  // No revalidatePath: /account is rendered per request, and a refresh here would re-render this
  // page with the link now used, hiding the answer.
  return {
    ok: true,
    message:
      result.purpose === "change-email"
        ? `Your email is now ${result.email}.`
        : `Thank you: ${result.email} is confirmed.`,
    doneAt: Date.now(),
  };
}
