import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { articles, commentLikes, comments, sessions, users } from "@/db/schema";
import {
  createUserWithPassword,
  deleteUserAccount,
  getUserCredentialsByEmail,
  getUserDataExport,
  getViewerById,
  listArticleSlugsCommentedBy,
  renameUser,
} from "./users";
import { saveModerationSettings } from "./settings";
import { listRecentSigninFailures, recordSigninAttempt } from "./signin-attempts";

function article() {
  const row = getDb().select({ id: articles.id, slug: articles.slug }).from(articles).limit(1).get();
  if (!row) throw new Error("seeded articles expected");
  return row;
}

function newUser(name: string) {
  const result = createUserWithPassword({
    name,
    email: `${crypto.randomUUID()}@example.test`,
    passwordHash: "scrypt$x",
  });
  if (!result.ok) throw new Error("user not created");
  return result.id;
}

describe("users queries", () => {
  it("creates a user once per email", () => {
    const email = `${crypto.randomUUID()}@example.test`;
    const first = createUserWithPassword({ name: "First", email, passwordHash: "h" });
    expect(first.ok).toBe(true);
    expect(createUserWithPassword({ name: "Second", email, passwordHash: "h" })).toEqual({
      ok: false,
      reason: "email-taken",
    });
    expect(getUserCredentialsByEmail({ email })).toMatchObject({ passwordHash: "h" });
    expect(getViewerById({ id: first.ok ? first.id : "", sessionVersion: 0 })).toMatchObject({
      name: "First",
      role: "reader",
      status: "active",
    });
  });

  it("deleting an account keeps its comments without an author, and takes back its likes", () => {
    const db = getDb();
    const a = article();
    const leaving = newUser("Leaving Reader");
    const staying = newUser("Staying Reader");
    const own = db
      .insert(comments)
      .values({ articleId: a.id, authorId: leaving, body: "mine", status: "approved" })
      .returning()
      .get();
    const other = db
      .insert(comments)
      .values({ articleId: a.id, authorId: staying, body: "theirs", status: "approved", likeCount: 2 })
      .returning()
      .get();
    db.insert(commentLikes).values({ userId: leaving, commentId: other.id }).run();
    db.insert(sessions)
      .values({ sessionToken: crypto.randomUUID(), userId: leaving, expires: new Date(Date.now() + 1e6) })
      .run();

    expect(listArticleSlugsCommentedBy({ authorId: leaving })).toEqual([a.slug]);
    expect(getUserDataExport({ id: leaving })?.comments.map((c) => c.body)).toEqual(["mine"]);

    deleteUserAccount({ id: leaving });

    expect(getViewerById({ id: leaving, sessionVersion: 0 })).toBeNull();
    expect(db.select().from(comments).where(eq(comments.id, own.id)).get()).toMatchObject({
      authorId: null,
      body: "mine",
    });
    expect(db.select().from(comments).where(eq(comments.id, other.id)).get()?.likeCount).toBe(1);
    expect(db.select().from(sessions).where(eq(sessions.userId, leaving)).all()).toEqual([]);
    expect(db.select().from(users).where(eq(users.id, staying)).get()).toBeDefined();
  });

  it("exports hidden comments too, and never the password hash", () => {
    const db = getDb();
    const id = newUser("Exporter");
    db.insert(comments).values({ articleId: article().id, authorId: id, body: "held", status: "pending" }).run();
    db.insert(comments)
      .values({ articleId: article().id, authorId: id, body: "gone", status: "approved", deletedAt: new Date() })
      .run();
    const data = getUserDataExport({ id });
    expect(data?.comments.map((c) => [c.body, c.status])).toEqual([
      ["held", "pending"],
      ["gone", "approved"],
    ]);
    expect(data?.comments[1]?.deletedAt).not.toBeNull();
    expect(JSON.stringify(data)).not.toContain("scrypt");
  });
});

describe("sign-in attempts", () => {
  it("lists only recent failures, per email and per address", () => {
    const now = new Date();
    const email = `${crypto.randomUUID()}@example.test`;
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
    recordSigninAttempt({ email, ip, succeeded: false, now: new Date(now.getTime() - 20 * 60_000) });
    recordSigninAttempt({ email, ip, succeeded: true, now });
    recordSigninAttempt({ email, ip: "198.51.100.1", succeeded: false, now });
    recordSigninAttempt({ email: "other@example.test", ip, succeeded: false, now });
    const failures = listRecentSigninFailures({ email, ip, now: new Date(now.getTime() + 1) });
    expect(failures.byEmail).toHaveLength(1);
    expect(failures.byIp).toHaveLength(1);
  });
});

describe("deleting the last admin (issue 12, finding 10)", () => {
  it("refuses while no other admin exists, and deletes once another admin does", () => {
    const admins = getDb().$client.prepare("select id from users where role = 'admin'").all() as { id: string }[];
    // Demote any admins other tests left, so this one is the last.
    getDb().$client.prepare("update users set role = 'reader' where role = 'admin'").run();
    try {
      const last = newUser("Last Admin");
      getDb().update(users).set({ role: "admin" }).where(eq(users.id, last)).run();
      expect(deleteUserAccount({ id: last })).toEqual({ ok: false, reason: "last-admin" });
      expect(getViewerById({ id: last, sessionVersion: 0 })).not.toBeNull();

      const second = newUser("Second Admin");
      getDb().update(users).set({ role: "admin" }).where(eq(users.id, second)).run();
      expect(deleteUserAccount({ id: last })).toEqual({ ok: true });
      expect(getViewerById({ id: last, sessionVersion: 0 })).toBeNull();
    } finally {
      for (const { id } of admins) getDb().update(users).set({ role: "admin" }).where(eq(users.id, id)).run();
    }
  });
});

describe("claimSigninAttempt (issue 12, finding 3)", () => {
  it("counts each attempt before the password is checked: only the limit's worth pass, a success stops counting", async () => {
    const { claimSigninAttempt, markSigninSucceeded } = await import("./signin-attempts");
    const { MAX_FAILURES } = await import("@/lib/throttle");
    const email = `${crypto.randomUUID()}@example.test`;
    const now = new Date();
    const first = claimSigninAttempt({ email, ip: "203.0.113.9", now });
    if (first.refused) throw new Error("the first attempt must pass");
    markSigninSucceeded({ attemptId: first.attemptId });
    const claims = Array.from({ length: 50 }, () => claimSigninAttempt({ email, ip: "203.0.113.9", now }));
    expect(claims.filter((c) => !c.refused)).toHaveLength(MAX_FAILURES);
    expect(claims.slice(MAX_FAILURES).every((c) => c.refused)).toBe(true);
  });
});

describe("renaming (issue 12, findings 6 and 9)", () => {
  const nameOf = (id: string) => getViewerById({ id, sessionVersion: 0 })?.name;

  it("renames an active reader", () => {
    const id = newUser("Before Rename");
    expect(renameUser({ id, name: "After Rename" })).toEqual({ ok: true });
    expect(nameOf(id)).toBe("After Rename");
  });

  it("refuses suspended and banned readers, saying why, and keeps the name", () => {
    const suspended = newUser("Suspended Reader");
    getDb()
      .$client.prepare(
        `update users set status = 'suspended', suspended_until = ?, status_reason = 'Rude' where id = ?`,
      )
      .run(Date.now() + 86_400_000, suspended);
    expect(renameUser({ id: suspended, name: "Fresh Start" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^Your account is suspended until .+ UTC, so you can't change your display name\. Reason: Rude$/,
      ),
    });
    expect(nameOf(suspended)).toBe("Suspended Reader");

    const banned = newUser("Banned Reader");
    getDb().$client.prepare(`update users set status = 'banned', status_reason = 'Spam' where id = ?`).run(banned);
    expect(renameUser({ id: banned, name: "Fresh Start" })).toEqual({
      ok: false,
      message: "Your account has been banned, so you can't change your display name. Reason: Spam",
    });
    expect(nameOf(banned)).toBe("Banned Reader");
  });

  it("a suspension that has ended no longer stops a rename", () => {
    const id = newUser("Was Suspended");
    getDb()
      .$client.prepare(`update users set status = 'suspended', suspended_until = ? where id = ?`)
      .run(Date.now() - 1_000, id);
    expect(renameUser({ id, name: "Back Again" })).toEqual({ ok: true });
  });

  it("refuses a name holding one of the site's banned words", () => {
    const id = newUser("Plain Reader");
    saveModerationSettings({ bannedWords: ["idiot"] });
    try {
      expect(renameUser({ id, name: "Harbour \u0456diot" })).toEqual({
        ok: false,
        field: "name",
        message: "That display name contains a word that isn't allowed: idiot",
      });
    } finally {
      saveModerationSettings({ bannedWords: [] });
    }
    expect(nameOf(id)).toBe("Plain Reader");
  });

  it("the 6th rename within an hour is refused with when to try again", () => {
    const id = newUser("Name 0");
    const start = Date.now();
    for (let i = 1; i <= 5; i++) {
      expect(renameUser({ id, name: `Name ${i}`, now: new Date(start + i * 60_000) })).toEqual({ ok: true });
    }
    expect(renameUser({ id, name: "Name 6", now: new Date(start + 6 * 60_000) })).toEqual({
      ok: false,
      message: "You've changed your display name 5 times in the last hour. You can change it again in 55 minutes.",
    });
    expect(nameOf(id)).toBe("Name 5");
  });
});
