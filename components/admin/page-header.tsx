import type { ReactNode } from "react";
import styles from "./admin.module.css";

export function PageHeader({ title, children, aside }: { title: string; children?: ReactNode; aside?: ReactNode }) {
  return (
    <header className={styles.header}>
      <div>
        <h1 className={styles.title}>{title}</h1>
        {children ? <p className="meta">{children}</p> : null}
      </div>
      {aside}
    </header>
  );
}
