import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, writeTransaction, type Db } from "@/db";
import { comments, emailTokens, users } from "@/db/schema";
import { queueConfirmationIn } from "./email-tokens";
import { type Role, type UserStatus } from "@/lib/vocabulary";
import type { Viewer } from "@/lib/viewer";
import { bannedNameMessage, bannedWordInName } from "@/lib/account-rules";
import { canRename, type PermissionViewer } from "@/lib/permissions";
import { claimAccountAction } from "./account-actions";
import { getModerationSettingsIn } from "./settings";

const viewerColumns = {
  id: users.id,
  sessionVersion: users.sessionVersion,
  emailVerified: users.emailVerified,
  name: users.name,
  email: users.email,
  role: users.role,
  status: users.status,
  suspendedUntil: users.suspendedUntil,
  statusReason: users.statusReason,
  createdAt: users.createdAt,
};

/**
 * The signed-in person as guards see them; null when the account is gone or
 * the session's version is not the account's (a reset, a password change or
 * "Sign out everywhere" since it began). One indexed read per request.
 */
export function getViewerById({ id, sessionVersion }: { id: string; sessionVersion: number }): Viewer | null {
  const row = getDb().select(viewerColumns).from(users).where(eq(users.id, id)).get();
  if (!row || row.sessionVersion !== sessionVersion) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    status: row.status,
    suspendedUntil: row.suspendedUntil,
    statusReason: row.statusReason,
    createdAt: row.createdAt,
    emailConfirmed: row.emailVerified !== null,
  };
}

/** The account's session version, written into the session token at sign-in; null when the account is gone. */
export function getSessionVersion({ id }: { id: string }): number | null {
  return getDb().select({ v: users.sessionVersion }).from(users).where(eq(users.id, id)).get()?.v ?? null;
}

/** Ends every session of the account (the caller may sign the current one in again). */
export function bumpSessionVersion({ id }: { id: string }): void {
  getDb()
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id))
    .run();
}

/** What sign-in needs to check a password. */
export function getUserCredentialsByEmail({
  email,
}: {
  email: string;
}): { id: string; passwordHash: string | null } | null {
  return (
    getDb()
      .select({ id: users.id, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.email, email))
      .get() ?? null
  );
}

export function getPasswordHashById({ id }: { id: string }): string | null {
  return (
    getDb().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id)).get()?.passwordHash ?? null
  );
}

export type CreateUserResult = { ok: true; id: string } | { ok: false; reason: "email-taken" };

/**
 * Creates a reader with a password; the unique index decides races on the
 * email. With `confirmation`, the confirmation link and its mail are queued in
 * the same transaction (sign-up).
 */
export function createUserWithPassword(input: {
  name: string;
  email: string;
  passwordHash: string;
  role?: Role;
  confirmation?: { token: string; tokenHash: string };
}): CreateUserResult {
  return writeTransaction((db) => {
    const taken = db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get();
    if (taken) return { ok: false, reason: "email-taken" } as const;
    const row = db
      .insert(users)
      .values({ name: input.name, email: input.email, passwordHash: input.passwordHash, role: input.role ?? "reader" })
      .returning({ id: users.id })
      .get();
    if (input.confirmation) {
      queueConfirmationIn(db, { userId: row.id, name: input.name, email: input.email }, input.confirmation);
    }
    return { ok: true, id: row.id } as const;
  });
}

export type RenameResult = { ok: true } | { ok: false; message: string; field?: "name" };

/**
 * Changes the display name, in one immediate transaction that decides on what
 * the database holds now: the account's standing (suspended and banned readers
 * cannot rename), the site's banned words, and the per-account rename limit.
 * The name has passed `DisplayNameField` already.
 */
export function renameUser({ id, name, now = new Date() }: { id: string; name: string; now?: Date }): RenameResult {
  return writeTransaction((db) => {
    const user = readUserForWrite(db, id);
    if (!user) return { ok: false, message: "Sign in to change your display name." };
    const allowed = canRename(user, now);
    if (!allowed.ok) return { ok: false, message: allowed.message };
    const banned = bannedWordInName(name, getModerationSettingsIn(db).bannedWords);
    if (banned) return { ok: false, field: "name", message: bannedNameMessage(banned) };
    const limit = claimAccountAction(db, { userId: id, action: "rename", now });
    if (!limit.ok) return { ok: false, message: limit.message };
    db.update(users).set({ name }).where(eq(users.id, id)).run();
    return { ok: true };
  });
}

/**
 * Sets a new password and ends every session of the account (the action signs
 * the current one in again). Open reset links stop working: they were asked
 * for before this password.
 */
export function updateUserPassword({ id, passwordHash }: { id: string; passwordHash: string }): void {
  writeTransaction((db) => {
    db.update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, id))
      .run();
    db.update(emailTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(emailTokens.userId, id), eq(emailTokens.purpose, "reset"), isNull(emailTokens.usedAt)))
      .run();
  });
}

/**
 * Removes the account. Sessions, linked OAuth accounts and likes go with it
 * (foreign keys cascade); comments stay, with no author ("Deleted user"), so
 * threads keep their shape. Like counts are stored, so the likes the person
 * gave are subtracted first.
 */
/**
 * Deletes an account and its likes. The last admin cannot delete themselves (the
 * same rule as demotion): the site would be left with nobody to run it.
 */
export function deleteUserAccount({ id }: { id: string }): { ok: true } | { ok: false; reason: "last-admin" } {
  return writeTransaction((db) => {
    const admins = db.$client
      .prepare(`select count(*) as n, sum(id = ?) as self from users where role = 'admin'`)
      .get(id) as { n: number; self: number | null };
    if (admins.self && admins.n <= 1) return { ok: false, reason: "last-admin" } as const;
    db.$client
      .prepare(
        `UPDATE comments SET like_count = max(0, like_count - 1)
         WHERE id IN (SELECT comment_id FROM comment_likes WHERE user_id = ?)`,
      )
      .run(id);
    db.delete(users).where(eq(users.id, id)).run();
    return { ok: true } as const;
  });
}

export type UserDataExport = {
  profile: { id: string; name: string; email: string; role: Role; status: string; createdAt: string };
  comments: {
    id: number;
    articleSlug: string;
    articleTitle: string;
    parentId: number | null;
    body: string;
    status: string;
    createdAt: string;
    editedAt: string | null;
    deletedAt: string | null;
  }[];
};

/** Everything the reader wrote, hidden and deleted comments included. */
export function getUserDataExport({ id }: { id: string }): UserDataExport | null {
  const db = getDb();
  const profile = db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      status: users.status,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, id))
    .get();
  if (!profile) return null;
  const rows = db.$client
    .prepare(
      `SELECT c.id, a.slug AS articleSlug, a.title AS articleTitle, c.parent_id AS parentId, c.body, c.status,
              c.created_at AS createdAt, c.edited_at AS editedAt, c.deleted_at AS deletedAt
       FROM comments c JOIN articles a ON a.id = c.article_id
       WHERE c.author_id = ? ORDER BY c.created_at, c.id`,
    )
    .all(id) as {
    id: number;
    articleSlug: string;
    articleTitle: string;
    parentId: number | null;
    body: string;
    status: string;
    createdAt: number;
    editedAt: number | null;
    deletedAt: number | null;
  }[];
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    profile: { ...profile, createdAt: profile.createdAt.toISOString() },
    comments: rows.map((r) => ({
      ...r,
      createdAt: new Date(r.createdAt).toISOString(),
      editedAt: iso(r.editedAt),
      deletedAt: iso(r.deletedAt),
    })),
  };
}

/** Count of the reader's comments, for the account page's summary. */
export function countCommentsByAuthor({ authorId }: { authorId: string }): number {
  return (
    getDb()
      .select({ n: sql<number>`count(*)` })
      .from(comments)
      .where(eq(comments.authorId, authorId))
      .get()?.n ?? 0
  );
}

/** Articles whose pages show this person's name (their comments), to refresh after a rename or deletion. */
export function listArticleSlugsCommentedBy({ authorId }: { authorId: string }): string[] {
  return (
    getDb()
      .$client.prepare(
        `SELECT DISTINCT a.slug FROM comments c JOIN articles a ON a.id = c.article_id WHERE c.author_id = ?`,
      )
      .all(authorId) as { slug: string }[]
  ).map((r) => r.slug);
}

type UserRow = {
  id: string;
  emailVerified: number | null;
  role: Role;
  status: UserStatus;
  suspended_until: number | null;
  status_reason: string | null;
  created_at: number;
};

/** The user's role and standing as the database holds them now, read inside a caller's write transaction. */
export function readUserForWrite(db: Db, userId: string): (PermissionViewer & { createdAt: Date }) | null {
  const u = db.$client
    .prepare(
      `select id, role, status, suspended_until, status_reason, created_at, emailVerified from users where id = ?`,
    )
    .get(userId) as UserRow | undefined;
  if (!u) return null;
  return {
    id: u.id,
    role: u.role,
    status: u.status,
    suspendedUntil: u.suspended_until === null ? null : new Date(u.suspended_until),
    statusReason: u.status_reason,
    createdAt: new Date(u.created_at),
    emailConfirmed: u.emailVerified !== null,
  };
}
