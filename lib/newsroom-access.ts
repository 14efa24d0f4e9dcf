import { hasRole } from "./roles";
import type { Viewer } from "./viewer";

/**
 * Who may manage sections, the lead story and lead images. Admins for now;
 * issue 13's editor role takes this over in lib/permissions when it lands —
 * this function and requireNewsroom() are the only places to change.
 */
export function canManageNewsroom(viewer: Pick<Viewer, "role" | "status" | "suspendedUntil"> | null): boolean {
  return hasRole(viewer, "admin");
}
