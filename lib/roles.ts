import type { Role } from "@/db/schema";
import type { Viewer } from "@/lib/viewer";

const RANK: Record<Role, number> = { reader: 0, moderator: 1, admin: 2 };

/**
 * Staff roles nest: an admin can do everything a moderator can. A banned
 * account keeps its role on record but loses staff powers until lifted.
 */
export function hasRole(viewer: Pick<Viewer, "role" | "status"> | null, role: "moderator" | "admin"): boolean {
  if (!viewer || viewer.status === "banned") return false;
  return RANK[viewer.role] >= RANK[role];
}
