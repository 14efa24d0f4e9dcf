import type { Role } from "@/lib/vocabulary";
import type { Viewer } from "@/lib/viewer";

const RANK: Record<Role, number> = { reader: 0, moderator: 1, admin: 2 };

/**
 * Staff roles nest: an admin can do everything a moderator can. A banned
 * account, or one whose suspension has not ended, keeps its role on record but
 * has no staff powers until lifted (or until the suspension runs out).
 */
export function hasRole(
  viewer: Pick<Viewer, "role" | "status" | "suspendedUntil"> | null,
  role: "moderator" | "admin",
  now: Date = new Date(),
): boolean {
  if (!viewer || viewer.status === "banned") return false;
  if (viewer.status === "suspended" && (!viewer.suspendedUntil || viewer.suspendedUntil > now)) return false;
  return RANK[viewer.role] >= RANK[role];
}
