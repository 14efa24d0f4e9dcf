"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { writeTransaction } from "@/db";
import { ROLE_LABELS, ROLES } from "@/lib/vocabulary";
import { appendModerationLog } from "@/db/queries/moderation-log";
import { countAdmins, getUserForAdmin, setUserRole, setUserStatus, type AdminUserRow } from "@/db/queries/user-admin";
import { requireCapability } from "@/app/_lib/guards";
import {
  canBanUser,
  canChangeRole,
  canLiftUser,
  canSuspendUser,
  effectiveUserStatus,
  suspensionEnd,
} from "@/lib/moderation-permissions";
import { fieldErrors, formText, type FormState } from "@/lib/form-state";
import { formatDateTime } from "@/lib/dates";
import type { Viewer } from "@/lib/viewer";

const requiredReason = z
  .string({ error: "Give a reason: the reader will see it." })
  .trim()
  .min(1, "Give a reason: the reader will see it.")
  .max(500, "Keep the reason under 500 characters.");

const SuspendUserSchema = z.object({
  userId: z.string().min(1),
  days: z.enum(["1", "7", "30"], { error: "Choose how long the suspension lasts." }),
  reason: requiredReason,
});

const BanUserSchema = z.object({ userId: z.string().min(1), reason: requiredReason });

const LiftUserSchema = z.object({
  userId: z.string().min(1),
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional(),
});

const ChangeUserRoleSchema = z.object({ userId: z.string().min(1), role: z.enum(ROLES) });

const NOT_ALLOWED = "You can't do that to this account.";

/** The target as it is now, with an expired suspension counted as over. */
function loadTarget(userId: string, now: Date): AdminUserRow | null {
  const user = getUserForAdmin({ id: userId });
  return user ? { ...user, status: effectiveUserStatus(user, now) } : null;
}

function done(userId: string, message: string): FormState {
  revalidatePath(`/admin/users/${userId}`);
  revalidatePath("/admin/users");
  return { ok: true, message };
}

function actorOf(viewer: Viewer) {
  return { id: viewer.id, name: viewer.name };
}

export async function suspendUser(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireCapability("moderate");
  const values = { days: formText(formData, "days") ?? "", reason: formText(formData, "reason") ?? "" };
  const parsed = SuspendUserSchema.safeParse({ userId: formText(formData, "userId"), ...values });
  if (!parsed.success) {
    return { ok: false, message: "Check the form.", errors: fieldErrors(parsed.error), values };
  }
  const { userId, days, reason } = parsed.data;
  const now = new Date();
  const until = suspensionEnd(now, Number(days) as 1 | 7 | 30);
  const result = writeTransaction(() => {
    const target = loadTarget(userId, now);
    if (!target || !canSuspendUser(viewer, target)) return null;
    setUserStatus({ userId, status: "suspended", suspendedUntil: until, reason });
    appendModerationLog({
      actor: actorOf(viewer),
      action: "suspend",
      targetType: "user",
      targetId: userId,
      targetLabel: target.name,
      reason: `${days} day${days === "1" ? "" : "s"}: ${reason}`,
      now,
    });
    return target;
  });
  if (!result) return { ok: false, message: NOT_ALLOWED, values };
  return done(userId, `${result.name} is suspended until ${formatDateTime(until)}.`);
}

export async function banUser(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireCapability("administer");
  const values = { reason: formText(formData, "reason") ?? "" };
  const parsed = BanUserSchema.safeParse({ userId: formText(formData, "userId"), ...values });
  if (!parsed.success) {
    return { ok: false, message: "Check the form.", errors: fieldErrors(parsed.error), values };
  }
  const { userId, reason } = parsed.data;
  const now = new Date();
  const result = writeTransaction(() => {
    const target = loadTarget(userId, now);
    if (!target || !canBanUser(viewer, target)) return null;
    setUserStatus({ userId, status: "banned", suspendedUntil: null, reason });
    appendModerationLog({
      actor: actorOf(viewer),
      action: "ban",
      targetType: "user",
      targetId: userId,
      targetLabel: target.name,
      reason,
      now,
    });
    return target;
  });
  if (!result) return { ok: false, message: NOT_ALLOWED, values };
  return done(userId, `${result.name} is banned.`);
}

export async function liftUser(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireCapability("moderate");
  const values = { reason: formText(formData, "reason") ?? "" };
  const parsed = LiftUserSchema.safeParse({ userId: formText(formData, "userId"), ...values });
  if (!parsed.success) {
    return { ok: false, message: "Check the form.", errors: fieldErrors(parsed.error), values };
  }
  const { userId, reason } = parsed.data;
  const now = new Date();
  const result = writeTransaction(() => {
    const target = loadTarget(userId, now);
    if (!target || !canLiftUser(viewer, target)) return null;
    setUserStatus({ userId, status: "active", suspendedUntil: null, reason: null });
    appendModerationLog({
      actor: actorOf(viewer),
      action: "lift",
      targetType: "user",
      targetId: userId,
      targetLabel: target.name,
      reason: reason || `lifted ${target.status === "banned" ? "ban" : "suspension"}`,
      now,
    });
    return target;
  });
  if (!result) return { ok: false, message: NOT_ALLOWED, values };
  return done(userId, `${result.name} can take part again.`);
}

export async function changeUserRole(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireCapability("administer");
  const parsed = ChangeUserRoleSchema.safeParse({
    userId: formText(formData, "userId"),
    role: formText(formData, "role"),
  });
  if (!parsed.success) return { ok: false, message: "Choose a role." };
  const { userId, role } = parsed.data;
  const now = new Date();
  const result = writeTransaction(() => {
    const target = loadTarget(userId, now);
    if (!target) return { ok: false as const, message: NOT_ALLOWED };
    if (!canChangeRole(viewer, target, role, countAdmins())) {
      return {
        ok: false as const,
        message:
          target.role === "admin" && role !== "admin"
            ? "The last admin can't lose the role. Make someone else an admin first."
            : NOT_ALLOWED,
      };
    }
    setUserRole({ userId, role });
    appendModerationLog({
      actor: actorOf(viewer),
      action: "role",
      targetType: "user",
      targetId: userId,
      targetLabel: target.name,
      reason: `${target.role} → ${role}`,
      now,
    });
    return { ok: true as const, name: target.name };
  });
  if (!result.ok) return { ok: false, message: result.message };
  return done(userId, `${result.name} is now ${ROLE_LABELS[role].withArticle}.`);
}
