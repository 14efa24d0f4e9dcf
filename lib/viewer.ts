import type { Role, UserStatus } from "@/lib/vocabulary";

/**
 * The signed-in person as pages and actions see them, always read from the
 * database (never from the session token), so a ban or demotion applies at once.
 */
export type Viewer = {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: UserStatus;
  suspendedUntil: Date | null;
  statusReason: string | null;
  createdAt: Date;
  /** The account's address is confirmed (a link was used, or GitHub/Google vouched for it). */
  emailConfirmed: boolean;
};
