import type { Role, UserStatus } from "@/lib/vocabulary";
import styles from "./admin.module.css";

export function RoleBadge({ role }: { role: Role }) {
  if (role === "reader") return <span className={styles.status}>Reader</span>;
  return (
    <span className={styles.status} data-tone="staff">
      {role === "admin" ? "Admin" : "Moderator"}
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
