import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getViewerById } from "@/db/queries/users";
import { sessionClaim } from "@/app/_lib/session-user";
import { can, reachesStaffArea, type Capability } from "@/lib/roles";
import { safeCallbackUrl } from "@/lib/safe-redirect";
import type { Viewer } from "@/lib/viewer";

/**
 * The signed-in person, read from the database once per request. The session
 * token only names the user; role and status always come from the row, so a
 * ban or demotion takes effect on the next request. A token for a deleted
 * account, or one whose session version is no longer the account's (a reset,
 * a password change, "Sign out everywhere"), yields null.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const claim = await sessionClaim();
  if (!claim) return null;
  return getViewerById({ id: claim.userId, sessionVersion: claim.sessionVersion });
});

/** Where to come back to after signing in: the given path, else the page the form was on. */
async function returnPath(callbackUrl?: string): Promise<string | null> {
  if (callbackUrl) return safeCallbackUrl(callbackUrl, "") || null;
  const referer = (await headers()).get("referer");
  if (!referer) return null;
  try {
    const url = new URL(referer);
    return safeCallbackUrl(url.pathname + url.search + url.hash, "") || null;
  } catch {
    return null;
  }
}

async function redirectToSignIn(callbackUrl?: string): Promise<never> {
  const back = await returnPath(callbackUrl);
  redirect(back && back !== "/" ? `/signin?callbackUrl=${encodeURIComponent(back)}` : "/signin");
}

/**
 * The signed-in viewer, or a redirect to /signin that returns here. Pages pass
 * their own path; actions may omit it (the form's page, from Referer, is used).
 */
export async function requireUser(options: { callbackUrl?: string } = {}): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) return redirectToSignIn(options.callbackUrl);
  return viewer;
}

/**
 * Staff only: signed out → /signin; signed in without the capability (or
 * without standing: banned, suspended) → 404, as if the page did not exist.
 * "staff-area" admits anyone who moderates or writes (lib/roles.ts).
 */
export async function requireCapability(
  capability: Capability | "staff-area",
  options: { callbackUrl?: string } = {},
): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) return redirectToSignIn(options.callbackUrl);
  const allowed = capability === "staff-area" ? reachesStaffArea(viewer) : can(viewer, capability);
  if (!allowed) notFound();
  return viewer;
}
