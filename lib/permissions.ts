/**
 * An account's standing: whether a suspension or ban stops it acting now.
 * The comment rules built on it live in lib/comment-policy.ts.
 */
import { formatDateTime } from "./dates";
import type { Role, UserStatus } from "@/lib/vocabulary";

export type PermissionViewer = {
  id: string;
  role: Role;
  status: UserStatus;
  suspendedUntil: Date | null;
  statusReason: string | null;
  /** Whether the account's address is confirmed; missing counts as not (the rule fails closed). */
  emailConfirmed?: boolean;
};

export type Refusal =
  "signed-out" | "unconfirmed" | "suspended" | "banned" | "closed" | "not-found" | "own" | "expired";
export type Permission = { ok: true } | { ok: false; reason: Refusal; message: string };

const ALLOWED: Permission = { ok: true };
const refuse = (reason: Refusal, message: string): Permission => ({ ok: false, reason, message });

function withReason(sentence: string, reason: string | null): string {
  const r = reason?.trim();
  return r ? `${sentence} Reason: ${r}` : sentence;
}

/**
 * The account's standing now: a suspension whose end has passed no longer
 * applies. `doing` ends the refusal ("so you can't comment").
 */
export function accountStanding(viewer: PermissionViewer, now: Date, doing = "comment"): Permission {
  if (viewer.status === "banned") {
    return refuse("banned", withReason(`Your account has been banned, so you can't ${doing}.`, viewer.statusReason));
  }
  if (viewer.status === "suspended" && (!viewer.suspendedUntil || viewer.suspendedUntil > now)) {
    const until = viewer.suspendedUntil ? `until ${formatDateTime(viewer.suspendedUntil)}` : "until further notice";
    return refuse(
      "suspended",
      withReason(`Your account is suspended ${until}, so you can't ${doing}.`, viewer.statusReason),
    );
  }
  return ALLOWED;
}

/** Suspended and banned readers keep their name until the sanction ends (issue 12, finding 9). */
export function canRename(viewer: PermissionViewer, now: Date): Permission {
  return accountStanding(viewer, now, "change your display name");
}
