"use server";

import { getDb } from "@/db";
import { can } from "@/lib/roles";
import { setMailLists } from "@/db/queries/mail-lists";
import type { MailList } from "@/lib/mail/mail-lists";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { signIn, signinTicket, signOut } from "@/auth";
import { clientAddressOf } from "@/app/_lib/client-address";
import { requestConfirmation, requestEmailChange } from "@/db/queries/email-tokens";
import { newEmailToken, TOO_MANY_REQUESTS_MESSAGE } from "@/lib/email-tokens";
import { wakeMailSender } from "@/lib/mail/sender";
import { requireUser } from "@/app/_lib/guards";
import { revalidateArticle } from "@/app/_lib/revalidate";
import {
  bumpSessionVersion,
  deleteUserAccount,
  getPasswordHashById,
  listArticleSlugsCommentedBy,
  renameUser,
  updateUserPassword,
} from "@/db/queries/users";
import {
  ChangeEmailSchema,
  ChangePasswordSchema,
  DeleteAccountSchema,
  SetPasswordSchema,
  UpdateNameSchema,
} from "@/lib/account-rules";
import { fieldErrors, formText, type FormState } from "@/lib/form-state";
import { hashPassword, verifyPasswordOrDummy, type DeriveKey } from "@/lib/passwords";
import { canRename } from "@/lib/permissions";
import { HASHING_BUSY_MESSAGE, HashingBusy, withHashingSlot } from "@/app/_lib/auth-capacity";

/** Runs hashing work in a slot; null when the server is too busy (the form then says "try again in a moment"). */
async function hashing<T>(work: (derive: DeriveKey) => Promise<T>): Promise<T | null> {
  try {
    return await withHashingSlot(work);
  } catch (error) {
    if (error instanceof HashingBusy) return null;
    throw error;
  }
}

/** Pages that show the reader's name beside their comments. */
function revalidateCommentedArticles(authorId: string): void {
  for (const slug of listArticleSlugsCommentedBy({ authorId })) revalidateArticle(slug);
}

export async function updateNameAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireUser({ callbackUrl: "/account" });
  const raw = formText(formData, "name");
  const values = { name: raw };
  // Suspended and banned readers cannot rename (checked again, with the limits, in the write).
  const allowed = canRename(viewer, new Date());
  if (!allowed.ok) return { ok: false, message: allowed.message, values };
  const parsed = UpdateNameSchema.safeParse({ name: raw });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), values };
  const renamed = renameUser({ id: viewer.id, name: parsed.data.name });
  if (!renamed.ok) {
    return renamed.field
      ? { ok: false, errors: { [renamed.field]: renamed.message }, values }
      : { ok: false, message: renamed.message, values };
  }
  revalidateCommentedArticles(viewer.id);
  revalidatePath("/account");
  return { ok: true, message: "Display name updated.", values: { name: parsed.data.name } };
}

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireUser({ callbackUrl: "/account" });
  const parsed = ChangePasswordSchema.safeParse({
    currentPassword: formText(formData, "currentPassword"),
    newPassword: formText(formData, "newPassword"),
  });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const current = getPasswordHashById({ id: viewer.id });
  // Both hashes in one slot, so a checked password is never left waiting for the second.
  const result = await hashing(async (derive) =>
    (await verifyPasswordOrDummy(parsed.data.currentPassword, current, derive))
      ? { passwordHash: await hashPassword(parsed.data.newPassword, derive) }
      : { wrong: true as const },
  );
  if (!result) return { ok: false, message: HASHING_BUSY_MESSAGE };
  if ("wrong" in result) return { ok: false, errors: { currentPassword: "Your current password is incorrect." } };
  updateUserPassword({ id: viewer.id, passwordHash: result.passwordHash });
  await keepThisSession(viewer);
  return { ok: true, message: "Password changed.", doneAt: Date.now() };
}

/**
 * A new password ends every session (the version went up); this browser gets
 * a fresh token with the new version, from a server-side ticket. Should that
 * fail, the reader is simply signed out here too.
 */
async function keepThisSession(viewer: { id: string; email: string }): Promise<void> {
  try {
    await signIn("credentials", { email: viewer.email, ticket: signinTicket(viewer.id), redirect: false });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    console.error("Re-signing in after a password change failed", error);
  }
}

/** `Set a password` for an account made through GitHub or Google (it had none, so it could not be deleted). */
export async function setPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireUser({ callbackUrl: "/account" });
  const parsed = SetPasswordSchema.safeParse({ newPassword: formText(formData, "newPassword") });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  if (getPasswordHashById({ id: viewer.id }) !== null) {
    return { ok: false, message: "Your account has a password already. Use Change password." };
  }
  const passwordHash = await hashing((derive) => hashPassword(parsed.data.newPassword, derive));
  if (passwordHash === null) return { ok: false, message: HASHING_BUSY_MESSAGE };
  updateUserPassword({ id: viewer.id, passwordHash });
  await keepThisSession(viewer);
  revalidatePath("/account");
  return { ok: true, message: "Password set. You can now sign in with your email and password.", doneAt: Date.now() };
}

/** `Sign out everywhere`: every session of the account ends, this one too. */
export async function signOutEverywhereAction(): Promise<void> {
  const viewer = await requireUser({ callbackUrl: "/account" });
  bumpSessionVersion({ id: viewer.id });
  await signOut({ redirectTo: "/signin" });
}

/** `Send confirmation again`: a new link to the account's address, within the per-account and per-address limits. */
export async function resendConfirmationAction(): Promise<FormState> {
  const viewer = await requireUser();
  const ip = clientAddressOf(await headers());
  let result;
  try {
    result = requestConfirmation({ userId: viewer.id, ip, token: newEmailToken() });
  } catch (error) {
    console.error("Resending a confirmation failed", error);
    return { ok: false, message: "We could not send the link just now. Please try again." };
  }
  if (!result.ok) {
    if (result.reason === "confirmed") return { ok: true, message: "Your email is already confirmed." };
    if (result.reason === "account") {
      return { ok: false, message: "We have sent several links in the last hour. Check your inbox, or try later." };
    }
    return { ok: false, message: TOO_MANY_REQUESTS_MESSAGE };
  }
  wakeMailSender();
  return { ok: true, message: `We have sent a confirmation link to ${viewer.email}.`, doneAt: Date.now() };
}

/**
 * `Change email`: needs the password; mails a link to the new address and a
 * notice to the old one. The address changes only when the link is used.
 */
export async function changeEmailAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireUser({ callbackUrl: "/account" });
  const raw = formText(formData, "email");
  const values = { email: raw.trim() };
  const parsed = ChangeEmailSchema.safeParse({ email: raw, password: formText(formData, "password") });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), values };
  const hash = getPasswordHashById({ id: viewer.id });
  const right = await hashing((derive) => verifyPasswordOrDummy(parsed.data.password, hash, derive));
  if (right === null) return { ok: false, message: HASHING_BUSY_MESSAGE, values };
  if (!right) return { ok: false, errors: { password: "That password is incorrect." }, values };
  const ip = clientAddressOf(await headers());
  let result;
  try {
    result = requestEmailChange({ userId: viewer.id, newEmail: parsed.data.email, ip, token: newEmailToken() });
  } catch (error) {
    console.error("Changing the email failed", error);
    return { ok: false, message: "We could not send the link just now. Please try again.", values };
  }
  if (!result.ok) {
    if (result.reason === "same") return { ok: false, errors: { email: "That is your current email." }, values };
    if (result.reason === "taken") {
      return { ok: false, errors: { email: "An account with this email already exists." }, values };
    }
    if (result.reason === "account") {
      return { ok: false, message: "We have sent several links in the last hour. Try again later.", values };
    }
    return { ok: false, message: TOO_MANY_REQUESTS_MESSAGE, values };
  }
  wakeMailSender();
  revalidatePath("/account");
  return {
    ok: true,
    message: `We have sent a link to ${parsed.data.email}. Your email changes when you open it.`,
    doneAt: Date.now(),
  };
}

/**
 * Deletes the account after checking the password. Comments stay, anonymised
 * ("Deleted user"), so replies keep their context — see DECISIONS.md.
 */
export async function deleteAccountAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireUser({ callbackUrl: "/account/delete" });
  const parsed = DeleteAccountSchema.safeParse({ password: formText(formData, "password") });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const hash = getPasswordHashById({ id: viewer.id });
  const right = await hashing((derive) => verifyPasswordOrDummy(parsed.data.password, hash, derive));
  if (right === null) return { ok: false, message: HASHING_BUSY_MESSAGE };
  if (!right) return { ok: false, errors: { password: "That password is incorrect." } };
  const slugs = listArticleSlugsCommentedBy({ authorId: viewer.id });
  const deleted = deleteUserAccount({ id: viewer.id });
  if (!deleted.ok) {
    return { ok: false, message: "You are the last admin. Make someone else an admin before deleting your account." };
  }
  for (const slug of slugs) revalidateArticle(slug);
  await signOut({ redirect: false });
  redirect("/account/deleted");
}

/** The notification mails the person wants: a plain form, their own account only; staff lists for moderators. */
export async function saveMailSettingsAction(formData: FormData): Promise<void> {
  const viewer = await requireUser({ callbackUrl: "/account" });
  const on = (list: MailList) => formData.get(list) === "on";
  const lists: Partial<Record<MailList, boolean>> = { replies: on("replies") };
  if (can(viewer, "moderate")) Object.assign(lists, { reports: on("reports"), queue: on("queue") });
  setMailLists(getDb(), { userId: viewer.id, lists });
  redirect("/account?done=mail#email-title");
}
