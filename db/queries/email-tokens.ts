import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb, writeTransaction, type Db } from "@/db";
import { emailTokens, mailRequests, users } from "@/db/schema";
import {
  checkEmailToken,
  decideMailRequest,
  hashEmailToken,
  isTokenShaped,
  REQUEST_WINDOW_MS,
  tokenExpiresAt,
  type TokenCheck,
} from "@/lib/email-tokens";
import { changeEmailMail, confirmEmailMail, emailChangeNoticeMail, passwordResetMail } from "@/lib/mail/account-mails";
import { queueMailIn } from "@/lib/mail/queue";
import { absoluteUrl } from "@/lib/site";
import type { EmailTokenPurpose } from "@/lib/vocabulary";

/*
 * Mailed links. Every function that sends one writes the token row, the
 * request count and the mail in one immediate transaction: the link and its
 * mail commit together or not at all. Callers wake the mail sender after.
 */

const LINK_PATH: Record<EmailTokenPurpose, string> = {
  reset: "/reset-password",
  confirm: "/confirm-email",
  "change-email": "/confirm-email",
};

function linkFor(purpose: EmailTokenPurpose, token: string): string {
  return absoluteUrl(`${LINK_PATH[purpose]}?token=${encodeURIComponent(token)}`);
}

function countRequestsIn(db: Db, purpose: EmailTokenPurpose, ip: string, userId: string | null, now: Date) {
  const since = now.getTime() - REQUEST_WINDOW_MS;
  const byAddress = db.$client
    .prepare(`select count(*) as n from mail_requests where ip = ? and purpose = ? and created_at > ?`)
    .get(ip, purpose, since) as { n: number };
  const byAccount = userId
    ? (db.$client
        .prepare(`select count(*) as n from mail_requests where user_id = ? and purpose = ? and created_at > ?`)
        .get(userId, purpose, since) as { n: number })
    : { n: 0 };
  return { byAddress: byAddress.n, byAccount: byAccount.n };
}

function insertTokenIn(
  db: Db,
  t: { tokenHash: string; purpose: EmailTokenPurpose; userId: string; email: string; now: Date },
): void {
  db.insert(emailTokens)
    .values({
      tokenHash: t.tokenHash,
      purpose: t.purpose,
      userId: t.userId,
      email: t.email,
      createdAt: t.now,
      expiresAt: tokenExpiresAt(t.purpose, t.now),
    })
    .run();
}

export type LinkRequestResult = { ok: true } | { ok: false; limit: "address" | "account" };

/**
 * A password reset request. The caller made the token (and its hash) whether
 * or not the email has an account, and this does the same reads and the same
 * request insert either way, so the answer and its timing say nothing about
 * which emails exist. Over the account limit, nothing is sent, silently.
 */
export function requestPasswordReset({
  email,
  ip,
  token,
  tokenHash,
  now = new Date(),
}: {
  email: string;
  ip: string;
  token: string;
  tokenHash: string;
  now?: Date;
}): LinkRequestResult {
  return writeTransaction((db) => {
    const user = db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(eq(users.email, email))
      .get();
    const decision = decideMailRequest("reset", countRequestsIn(db, "reset", ip, user?.id ?? null, now));
    if (!decision.ok && decision.limit === "address") return decision;
    db.insert(mailRequests)
      .values({ purpose: "reset", ip, userId: user?.id ?? null, createdAt: now })
      .run();
    if (!user || !decision.ok) return { ok: true };
    insertTokenIn(db, { tokenHash, purpose: "reset", userId: user.id, email: user.email, now });
    queueMailIn(db, {
      to: user.email,
      userId: user.id,
      content: passwordResetMail({ name: user.name, url: linkFor("reset", token) }),
    });
    return { ok: true };
  });
}

function readTokenIn(db: Db, token: string) {
  if (!isTokenShaped(token)) return null;
  return (
    db
      .select()
      .from(emailTokens)
      .where(eq(emailTokens.tokenHash, hashEmailToken(token)))
      .get() ?? null
  );
}

/** Whether a link would work now (the page asks before showing its form); nothing is used up. */
export function checkLinkToken({
  token,
  purpose,
  now = new Date(),
}: {
  token: string;
  purpose: EmailTokenPurpose;
  now?: Date;
}): TokenCheck {
  const row = readTokenIn(getDb(), token);
  // A change of address is confirmed on the same page as a confirmation.
  const wanted = purpose === "confirm" && row?.purpose === "change-email" ? "change-email" : purpose;
  return checkEmailToken(row, wanted, now);
}

export type ResetResult =
  { ok: true; userId: string; email: string } | { ok: false; reason: "forged" | "used" | "expired" };

/**
 * Sets the new password from a reset link, once: the link and every other
 * open reset link of the account are used up, the session version goes up
 * (every session ends), and the address counts as confirmed — the reader
 * just proved they read its mail.
 */
export function resetPasswordWithToken({
  token,
  passwordHash,
  now = new Date(),
}: {
  token: string;
  passwordHash: string;
  now?: Date;
}): ResetResult {
  return writeTransaction((db) => {
    const row = readTokenIn(db, token);
    const check = checkEmailToken(row, "reset", now);
    if (!check.ok) return check;
    const user = db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, row!.userId)).get();
    if (!user) return { ok: false, reason: "forged" } as const;
    db.update(emailTokens)
      .set({ usedAt: now })
      .where(and(eq(emailTokens.userId, user.id), eq(emailTokens.purpose, "reset"), isNull(emailTokens.usedAt)))
      .run();
    db.update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        ...(row!.email === user.email
          ? { emailVerified: sql`coalesce(${users.emailVerified}, ${now.getTime()})` }
          : {}),
      })
      .where(eq(users.id, user.id))
      .run();
    return { ok: true, userId: user.id, email: user.email } as const;
  });
}

/** Queues the confirmation of the account's current address, inside the caller's transaction (sign-up). */
export function queueConfirmationIn(
  db: Db,
  { userId, name, email, now = new Date() }: { userId: string; name: string; email: string; now?: Date },
  token: { token: string; tokenHash: string },
): void {
  insertTokenIn(db, { tokenHash: token.tokenHash, purpose: "confirm", userId, email, now });
  queueMailIn(db, { to: email, userId, content: confirmEmailMail({ name, url: linkFor("confirm", token.token) }) });
}

export type ResendResult = { ok: true } | { ok: false; reason: "confirmed" | "gone" | "address" | "account" };

/** `Send confirmation again`: a new link for the account's address, within the limits. */
export function requestConfirmation({
  userId,
  ip,
  token,
  now = new Date(),
}: {
  userId: string;
  ip: string;
  token: { token: string; tokenHash: string };
  now?: Date;
}): ResendResult {
  return writeTransaction((db) => {
    const user = db
      .select({ id: users.id, name: users.name, email: users.email, verified: users.emailVerified })
      .from(users)
      .where(eq(users.id, userId))
      .get();
    if (!user) return { ok: false, reason: "gone" } as const;
    if (user.verified) return { ok: false, reason: "confirmed" } as const;
    const decision = decideMailRequest("confirm", countRequestsIn(db, "confirm", ip, userId, now));
    if (!decision.ok) return { ok: false, reason: decision.limit } as const;
    db.insert(mailRequests).values({ purpose: "confirm", ip, userId, createdAt: now }).run();
    queueConfirmationIn(db, { userId, name: user.name, email: user.email, now }, token);
    return { ok: true } as const;
  });
}

export type EmailChangeResult = { ok: true } | { ok: false; reason: "taken" | "same" | "gone" | "address" | "account" };

/**
 * Asks to move the account to `newEmail`: a confirmation to the new address
 * and a notice to the old one. Nothing changes until the link is used.
 */
export function requestEmailChange({
  userId,
  newEmail,
  ip,
  token,
  now = new Date(),
}: {
  userId: string;
  newEmail: string;
  ip: string;
  token: { token: string; tokenHash: string };
  now?: Date;
}): EmailChangeResult {
  return writeTransaction((db) => {
    const user = db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(eq(users.id, userId))
      .get();
    if (!user) return { ok: false, reason: "gone" } as const;
    if (user.email === newEmail) return { ok: false, reason: "same" } as const;
    if (db.select({ id: users.id }).from(users).where(eq(users.email, newEmail)).get()) {
      return { ok: false, reason: "taken" } as const;
    }
    const decision = decideMailRequest("change-email", countRequestsIn(db, "change-email", ip, userId, now));
    if (!decision.ok) return { ok: false, reason: decision.limit } as const;
    db.insert(mailRequests).values({ purpose: "change-email", ip, userId, createdAt: now }).run();
    // Only the newest request counts: an earlier link to another address stops working.
    db.update(emailTokens)
      .set({ usedAt: now })
      .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, "change-email"), isNull(emailTokens.usedAt)))
      .run();
    insertTokenIn(db, { tokenHash: token.tokenHash, purpose: "change-email", userId, email: newEmail, now });
    queueMailIn(db, {
      to: newEmail,
      userId,
      content: changeEmailMail({ name: user.name, url: linkFor("change-email", token.token) }),
    });
    queueMailIn(db, { to: user.email, userId, content: emailChangeNoticeMail({ name: user.name, newEmail }) });
    return { ok: true } as const;
  });
}

export type ConfirmResult =
  | { ok: true; purpose: "confirm" | "change-email"; email: string }
  | { ok: false; reason: "forged" | "used" | "expired" | "taken" };

/**
 * Uses a confirmation link: marks the address confirmed, or (a change of
 * address) moves the account to the new address, confirmed. A link for an
 * address the account no longer has confirms nothing.
 */
export function confirmEmailWithToken({ token, now = new Date() }: { token: string; now?: Date }): ConfirmResult {
  return writeTransaction((db) => {
    const row = readTokenIn(db, token);
    const purpose = row?.purpose === "change-email" ? "change-email" : "confirm";
    const check = checkEmailToken(row, purpose, now);
    if (!check.ok) return check;
    const user = db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, row!.userId)).get();
    if (!user) return { ok: false, reason: "forged" } as const;
    db.update(emailTokens).set({ usedAt: now }).where(eq(emailTokens.id, row!.id)).run();
    if (purpose === "confirm") {
      if (row!.email !== user.email) return { ok: false, reason: "expired" } as const;
      db.update(users)
        .set({ emailVerified: sql`coalesce(${users.emailVerified}, ${now.getTime()})` })
        .where(eq(users.id, user.id))
        .run();
      return { ok: true, purpose, email: user.email } as const;
    }
    const taken = db.select({ id: users.id }).from(users).where(eq(users.email, row!.email)).get();
    if (taken) return { ok: false, reason: "taken" } as const;
    db.update(users).set({ email: row!.email, emailVerified: now }).where(eq(users.id, user.id)).run();
    // Links sent to the old address prove nothing about the new one.
    db.update(emailTokens)
      .set({ usedAt: now })
      .where(and(eq(emailTokens.userId, user.id), isNull(emailTokens.usedAt)))
      .run();
    return { ok: true, purpose, email: row!.email } as const;
  });
}

/** The address the account is waiting to move to, if a change link is still open. */
export function getPendingEmailChange({ userId, now = new Date() }: { userId: string; now?: Date }): string | null {
  return (
    getDb()
      .select({ email: emailTokens.email })
      .from(emailTokens)
      .where(
        and(
          eq(emailTokens.userId, userId),
          eq(emailTokens.purpose, "change-email"),
          isNull(emailTokens.usedAt),
          gt(emailTokens.expiresAt, now),
        ),
      )
      .orderBy(sql`${emailTokens.id} desc`)
      .get()?.email ?? null
  );
}
