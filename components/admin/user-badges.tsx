import { ROLE_LABELS, type Role, type UserStatus } from "@/lib/vocabulary";
import styles from "./admin.module.css";

export function RoleBadge({ role }: { role: Role }) {
  return (
    <span className={styles.status} data-tone={role === "reader" ? undefined : "staff"}>
      {ROLE_LABELS[role].title}
    </span>
  );
}

export function StatusBadge({ status }: { status: UserStatus }) {
  const tone = status === "active" ? "ok" : status === "suspended" ? "warn" : "bad";
  return (
    <span className={styles.status} data-tone={tone}>
      {status === "active" ? "Active" : status === "suspended" ? "Suspended" : "Banned"}
    </span>
  );
}
