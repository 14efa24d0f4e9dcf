/**
 * Who on the staff may do what. Pure predicates: the admin pages use them to
 * decide which buttons to show and every staff action uses them again to
 * refuse, so the two can never disagree.
 *
 * Moderators (and editors) act on comments, close or open an article's
 * comments and suspend readers; only admins ban, change roles or change
 * settings. The capabilities behind them are in lib/roles.ts.
 */
import { roleGrants, staffRank } from "@/lib/roles";
import type { Role, UserStatus } from "@/lib/vocabulary";

export type StaffActor = { id: string; role: Role };
export type ManagedUser = { id: string; role: Role; status: UserStatus };

export function isStaff(actor: { role: Role } | null | undefined): boolean {
  return !!actor && roleGrants(actor.role, "moderate");
}

export function isAdmin(actor: { role: Role } | null | undefined): boolean {
  return !!actor && roleGrants(actor.role, "administer");
}

/** Approve, reject or restore a comment. */
export function canModerateComments(actor: { role: Role } | null | undefined): boolean {
  return isStaff(actor);
}

/** Close or open an article's comments. */
export function canCloseComments(actor: { role: Role } | null | undefined): boolean {
  return isStaff(actor);
}

/** Site-wide rules and per-article pre-moderation overrides. */
export function canChangeSettings(actor: { role: Role } | null | undefined): boolean {
  return isAdmin(actor);
}

/** Nobody acts on themselves; moderators and editors act on readers and writers; admins also on staff. Admins are demoted first. */
function outranks(actor: StaffActor, target: ManagedUser): boolean {
  if (actor.id === target.id) return false;
  if (target.role === "admin") return false;
  return staffRank(actor.role) > staffRank(target.role);
}

export function canSuspendUser(actor: StaffActor | null | undefined, target: ManagedUser): boolean {
  return !!actor && isStaff(actor) && outranks(actor, target) && target.status !== "banned";
}

export function canBanUser(actor: StaffActor | null | undefined, target: ManagedUser): boolean {
  return !!actor && isAdmin(actor) && outranks(actor, target) && target.status !== "banned";
}

/** Lifting a suspension is a moderator's call; lifting a ban is an admin's. */
export function canLiftUser(actor: StaffActor | null | undefined, target: ManagedUser): boolean {
  if (!actor || !isStaff(actor) || !outranks(actor, target)) return false;
  if (target.status === "suspended") return true;
  if (target.status === "banned") return isAdmin(actor);
  return false;
}

/**
 * Admins grant and remove roles. The last admin can never lose the role
 * (whether they are demoting themselves or another admin is), so the site
 * always keeps someone who can change settings.
 */
export function canChangeRole(
  actor: StaffActor | null | undefined,
  target: ManagedUser,
  newRole: Role,
  adminCount: number,
): boolean {
  if (!actor || !isAdmin(actor)) return false;
  if (target.role === newRole) return false;
  if (target.role === "admin" && adminCount <= 1) return false;
  // A banned account cannot be handed staff powers; lift the ban first.
  if (newRole !== "reader" && target.status === "banned") return false;
  return true;
}

/** A suspension whose end has passed no longer counts. */
export function effectiveUserStatus(user: { status: UserStatus; suspendedUntil: Date | null }, now: Date): UserStatus {
  if (user.status === "suspended" && user.suspendedUntil && user.suspendedUntil.getTime() <= now.getTime()) {
    return "active";
  }
  return user.status;
}

export const SUSPENSION_DAYS = [1, 7, 30] as const;
export type SuspensionDays = (typeof SUSPENSION_DAYS)[number];

export function suspensionEnd(now: Date, days: SuspensionDays): Date {
  return new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
}
