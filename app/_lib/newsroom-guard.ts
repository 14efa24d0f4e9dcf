import "server-only";
import { notFound } from "next/navigation";
import { canManageNewsroom } from "@/lib/newsroom-access";
import type { Viewer } from "@/lib/viewer";
import { requireRole } from "./guards";

/**
 * Sections, the lead story and lead images: the viewer read from the database
 * (requireRole), then the newsroom rule. Signed out → /signin; anyone else → 404.
 */
export async function requireNewsroom(options: { callbackUrl?: string } = {}): Promise<Viewer> {
  const viewer = await requireRole("moderator", options);
  if (!canManageNewsroom(viewer)) notFound();
  return viewer;
}
