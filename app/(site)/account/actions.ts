"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { signOut } from "@/auth";
import { requireUser } from "@/app/_lib/guards";
import { revalidateArticle } from "@/app/_lib/revalidate";
import {
  deleteUserAccount,
  getPasswordHashById,
  listArticleSlugsCommentedBy,
  renameUser,
  updateUserPassword,
} from "@/db/queries/users";
import { ChangePasswordSchema, DeleteAccountSchema, UpdateNameSchema } from "@/lib/account-rules";
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
  return { ok: true, message: "Password changed." };
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
