import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { emailTokens, mailOutbox, users } from "@/db/schema";
import { newEmailToken, REQUEST_LIMITS } from "@/lib/email-tokens";
import {
  checkLinkToken,
  confirmEmailWithToken,
  requestEmailChange,
  requestPasswordReset,
  resetPasswordWithToken,
} from "./email-tokens";
import { createUserWithPassword, getViewerById } from "./users";

const now = new Date("2026-12-03T09:00:00Z");
let n = 0;

function makeUser(confirmation?: { token: string; tokenHash: string }) {
  n += 1;
  const email = `tokens-${n}-${crypto.randomUUID().slice(0, 6)}@example.test`;
  const created = createUserWithPassword({ name: `Reader ${n}`, email, passwordHash: "old-hash", confirmation });
  if (!created.ok) throw new Error("user not created");
  return { id: created.id, email };
}

const mailsTo = (to: string) => getDb().select().from(mailOutbox).where(eq(mailOutbox.to, to)).all();
const userRow = (id: string) => getDb().select().from(users).where(eq(users.id, id)).get()!;

describe("requestPasswordReset", () => {
  it("stores only the hash and queues the mail with the link in the same write", () => {
    const user = makeUser();
    const { token, tokenHash } = newEmailToken();
    expect(requestPasswordReset({ email: user.email, ip: "198.51.100.1", token, tokenHash, now })).toEqual({
      ok: true,
    });
    const rows = getDb().select().from(emailTokens).where(eq(emailTokens.userId, user.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(tokenHash);
    expect(JSON.stringify(rows)).not.toContain(token);
    const [mail] = mailsTo(user.email);
    expect(mail?.text).toContain(`/reset-password?token=${token}`);
  });

  it("answers the same for an unknown email and sends nothing", () => {
    const { token, tokenHash } = newEmailToken();
    const email = `nobody-${crypto.randomUUID()}@example.test`;
    expect(requestPasswordReset({ email, ip: "198.51.100.2", token, tokenHash, now })).toEqual({ ok: true });
    expect(mailsTo(email)).toHaveLength(0);
  });

  it("stops sending per account silently, and refuses per client address", () => {
    const user = makeUser();
    const ip = "198.51.100.3";
    for (let i = 0; i < REQUEST_LIMITS.reset.perAccount + 2; i++) {
      expect(requestPasswordReset({ email: user.email, ip, ...newEmailToken(), now })).toEqual({ ok: true });
    }
    expect(mailsTo(user.email)).toHaveLength(REQUEST_LIMITS.reset.perAccount);
    const other = "198.51.100.4";
    for (let i = 0; i < REQUEST_LIMITS.reset.perAddress; i++) {
      requestPasswordReset({ email: `x${i}-${crypto.randomUUID()}@example.test`, ip: other, ...newEmailToken(), now });
    }
    expect(requestPasswordReset({ email: "y@example.test", ip: other, ...newEmailToken(), now })).toEqual({
      ok: false,
      limit: "address",
    });
    // An hour later the address may ask again.
    const later = new Date(now.getTime() + 60 * 60_000 + 1);
    expect(requestPasswordReset({ email: "y@example.test", ip: other, ...newEmailToken(), now: later }).ok).toBe(true);
  });
});

describe("resetPasswordWithToken", () => {
  it("sets the password once, ends every session and confirms the address", () => {
    const user = makeUser();
    const first = newEmailToken();
    const second = newEmailToken();
    requestPasswordReset({ email: user.email, ip: "198.51.100.5", ...first, now });
    requestPasswordReset({ email: user.email, ip: "198.51.100.5", ...second, now });
    expect(getViewerById({ id: user.id, sessionVersion: 0 })).not.toBeNull();
    const done = resetPasswordWithToken({ token: first.token, passwordHash: "new-hash", now });
    expect(done).toEqual({ ok: true, userId: user.id, email: user.email });
    expect(userRow(user.id)).toMatchObject({ passwordHash: "new-hash", sessionVersion: 1 });
    expect(userRow(user.id).emailVerified).not.toBeNull();
    expect(getViewerById({ id: user.id, sessionVersion: 0 })).toBeNull();
    expect(getViewerById({ id: user.id, sessionVersion: 1 })).not.toBeNull();
    // The same link again, and the other open link, are used up.
    expect(resetPasswordWithToken({ token: first.token, passwordHash: "x", now })).toEqual({
      ok: false,
      reason: "used",
    });
    expect(resetPasswordWithToken({ token: second.token, passwordHash: "x", now })).toEqual({
      ok: false,
      reason: "used",
    });
    expect(userRow(user.id).passwordHash).toBe("new-hash");
  });

  it("refuses an expired or forged link and changes nothing", () => {
    const user = makeUser();
    const t = newEmailToken();
    requestPasswordReset({ email: user.email, ip: "198.51.100.6", ...t, now });
    const late = new Date(now.getTime() + 60 * 60_000);
    expect(checkLinkToken({ token: t.token, purpose: "reset", now: late })).toEqual({ ok: false, reason: "expired" });
    expect(resetPasswordWithToken({ token: t.token, passwordHash: "x", now: late })).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(resetPasswordWithToken({ token: newEmailToken().token, passwordHash: "x", now })).toEqual({
      ok: false,
      reason: "forged",
    });
    expect(resetPasswordWithToken({ token: "not-a-token", passwordHash: "x", now })).toEqual({
      ok: false,
      reason: "forged",
    });
    expect(userRow(user.id)).toMatchObject({ passwordHash: "old-hash", sessionVersion: 0 });
  });
});

describe("confirming addresses", () => {
  it("sign-up queues a confirmation in the same write; the link confirms once", () => {
    const t = newEmailToken();
    const user = makeUser(t);
    expect(mailsTo(user.email)[0]?.text).toContain(`/confirm-email?token=${t.token}`);
    expect(userRow(user.id).emailVerified).toBeNull();
    expect(confirmEmailWithToken({ token: t.token, now })).toEqual({ ok: true, purpose: "confirm", email: user.email });
    expect(userRow(user.id).emailVerified).toEqual(now);
    expect(confirmEmailWithToken({ token: t.token, now })).toEqual({ ok: false, reason: "used" });
  });

  it("a change of address takes effect only when the new address is confirmed, and tells the old one", () => {
    const user = makeUser();
    const newEmail = `moved-${crypto.randomUUID().slice(0, 6)}@example.test`;
    const t = newEmailToken();
    expect(requestEmailChange({ userId: user.id, newEmail, ip: "198.51.100.7", token: t, now })).toEqual({ ok: true });
    expect(userRow(user.id).email).toBe(user.email);
    expect(mailsTo(newEmail)[0]?.text).toContain(`/confirm-email?token=${t.token}`);
    expect(mailsTo(user.email)[0]?.text).toContain(newEmail);
    expect(confirmEmailWithToken({ token: t.token, now })).toEqual({
      ok: true,
      purpose: "change-email",
      email: newEmail,
    });
    expect(userRow(user.id)).toMatchObject({ email: newEmail, emailVerified: now });
  });

  it("refuses a change to an address another account has", () => {
    const user = makeUser();
    const other = makeUser();
    expect(
      requestEmailChange({ userId: user.id, newEmail: other.email, ip: "198.51.100.8", token: newEmailToken(), now }),
    ).toEqual({ ok: false, reason: "taken" });
  });
});
