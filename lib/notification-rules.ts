/**
 * Who is told about what (issue 14): nobody about their own actions, nobody
 * whose account is banned or suspended now, nobody whose account is gone.
 */
import { accountStanding, type PermissionViewer } from "./permissions";

export function shouldNotify(
  recipient: PermissionViewer | null,
  actorId: string | null,
  now: Date,
): recipient is PermissionViewer {
  if (!recipient) return false;
  if (actorId !== null && recipient.id === actorId) return false;
  return accountStanding(recipient, now).ok;
}
