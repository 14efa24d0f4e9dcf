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
import {
  ChangePasswordSchema,
  DeleteAccountSchema,
  fieldErrors,
  UpdateNameSchema,
  type FieldErrors,
} from "@/lib/account-rules";
import { hashPassword, verifyPasswordOrDummy } from "@/lib/passwords";
import { canRename } from "@/lib/permissions";

export type AccountFormState = {
  ok: boolean;
  message?: string;
  errors?: FieldErrors;
  values?: { name?: string };
};

function text(formData: FormData, key: string): string {
  const value = formData.get(key);
  return typeof value === "string" ? value : "";
}

/** Pages that show the reader's name beside their comments. */
function revalidateCommentedArticles(authorId: string): void {
  for (const slug of listArticleSlugsCommentedBy({ authorId })) revalidateArticle(slug);
}

export async function updateNameAction(_prev: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const viewer = await requireUser({ callbackUrl: "/account" });
  const raw = text(formData, "name");
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

export async function changePasswordAction(_prev: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const viewer = await requireUser({ callbackUrl: "/account" });
  const parsed = ChangePasswordSchema.safeParse({
    currentPassword: text(formData, "currentPassword"),
    newPassword: text(formData, "newPassword"),
  });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const current = getPasswordHashById({ id: viewer.id });
  if (!(await verifyPasswordOrDummy(parsed.data.currentPassword, current))) {
    return { ok: false, errors: { currentPassword: "Your current password is incorrect." } };
  }
  updateUserPassword({ id: viewer.id, passwordHash: await hashPassword(parsed.data.newPassword) });
  return { ok: true, message: "Password changed." };
}

/**
 * Deletes the account after checking the password. Comments stay, anonymised
 * ("Deleted user"), so replies keep their context — see DECISIONS.md.
 */
export async function deleteAccountAction(_prev: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const viewer = await requireUser({ callbackUrl: "/account/delete" });
  const parsed = DeleteAccountSchema.safeParse({ password: text(formData, "password") });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const hash = getPasswordHashById({ id: viewer.id });
  if (!(await verifyPasswordOrDummy(parsed.data.password, hash))) {
    return { ok: false, errors: { password: "That password is incorrect." } };
  }
  const slugs = listArticleSlugsCommentedBy({ authorId: viewer.id });
  const deleted = deleteUserAccount({ id: viewer.id });
  if (!deleted.ok) {
    return { ok: false, message: "You are the last admin. Make someone else an admin before deleting your account." };
  }
  for (const slug of slugs) revalidateArticle(slug);
  await signOut({ redirect: false });
  redirect("/account/deleted");
}
