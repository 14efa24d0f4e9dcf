import "server-only";
import { getDb, type Db } from "@/db";

/*
 * Leases: background work that must happen in one server process at a time
 * (several processes share the database; DECISIONS.md "Several processes").
 * One statement claims or renews, so two processes racing for a free lease
 * cannot both win: SQLite runs the upsert under its write lock, and its
 * WHERE lets the row change only for the current holder or once it expired.
 */

/**
 * Claims the lease `name` for `holder` until `now + ttlMs`, or renews it when
 * `holder` already has it. True when `holder` holds it afterwards.
 */
export function claimLease(
  { name, holder, ttlMs, now = new Date() }: { name: string; holder: string; ttlMs: number; now?: Date },
  db: Db = getDb(),
): boolean {
  const at = now.getTime();
  const result = db.$client
    .prepare(
      `insert into leases (name, holder, expires_at) values (?, ?, ?)
       on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
       where leases.holder = excluded.holder or leases.expires_at <= ?`,
    )
    .run(name, holder, at + ttlMs, at);
  return result.changes === 1;
}

/** Gives the lease up at once (a clean shutdown), if `holder` still has it. */
export function releaseLease({ name, holder }: { name: string; holder: string }, db: Db = getDb()): void {
  db.$client.prepare(`delete from leases where name = ? and holder = ?`).run(name, holder);
}

/** Who holds the lease and until when, or null when nobody ever claimed it. */
export function getLease({ name }: { name: string }, db: Db = getDb()): { holder: string; expiresAt: Date } | null {
  const row = db.$client.prepare(`select holder, expires_at as expiresAt from leases where name = ?`).get(name) as
    { holder: string; expiresAt: number } | undefined;
  return row ? { holder: row.holder, expiresAt: new Date(row.expiresAt) } : null;
}
