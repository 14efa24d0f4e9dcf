/**
 * The suite's own view of the server's database: users written straight in,
 * session cookies minted as Auth.js mints them, fingerprints of every table.
 */
import { createHash, randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { encode } from "next-auth/jwt";
import { openDatabase, type Db } from "@/db";
import { hashPassword, hashPasswordWithCost } from "@/lib/passwords";

export const SESSION_COOKIE = "authjs.session-token";

export type User = { id: string; name: string; email: string; password: string; cookie: string };

export class Data {
  readonly db: Db;
  private exempt: string[] = [];
  private articleSection: string;

  constructor(
    readonly file: string,
    readonly secret: string,
  ) {
    this.db = openDatabase(file);
    const row = this.raw.prepare("SELECT section FROM articles WHERE status = 'published' LIMIT 1").get() as
      { section: string } | undefined;
    this.articleSection = row?.section ?? "news";
  }

  get raw() {
    return this.db.$client;
  }

  async createUser(
    options: {
      name?: string;
      role?: "reader" | "writer" | "moderator" | "editor" | "admin";
      status?: "active" | "suspended" | "banned";
      exemptFromRateLimits?: boolean;
      password?: string;
      /** Hash at the cost real accounts use (slow), for items about sign-in timing. */
      realPasswordCost?: boolean;
    } = {},
  ): Promise<User> {
    const suffix = randomUUID().slice(0, 8);
    const id = randomUUID();
    const name = options.name ?? `Tester ${suffix}`;
    const email = `rel-${suffix}@example.test`;
    const password = options.password ?? `rel password ${suffix}`;
    const hash = options.realPasswordCost ? await hashPassword(password) : await hashPasswordWithCost(password, 10);
    // An account a week old, so new-account limits do not apply.
    this.raw
      .prepare(
        "INSERT INTO users (id, name, email, password_hash, role, status, status_reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        id,
        name,
        email,
        hash,
        options.role ?? "reader",
        options.status ?? "active",
        options.status && options.status !== "active" ? "Reliability test" : null,
        Date.now() - 7 * 24 * 3600 * 1000,
      );
    if (options.exemptFromRateLimits ?? true) this.exemptFromRateLimits(id);
    return { id, name, email, password, cookie: await this.sessionCookie(id) };
  }

  async sessionCookie(userId: string): Promise<string> {
    // The account's session version, as a real sign-in would carry it (a password change or
    // Sign out everywhere raises it and ends every older session).
    const row = this.raw.prepare("SELECT session_version AS sv FROM users WHERE id = ?").get(userId) as
      { sv: number } | undefined;
    const token = await encode({
      token: { sub: userId, sv: row?.sv ?? 0 },
      secret: this.secret,
      salt: SESSION_COOKIE,
      maxAge: 24 * 3600,
    });
    return `${SESSION_COOKIE}=${token}`;
  }

  /** Signs a signed-in user in afresh, after an earlier step (a password change, Sign out everywhere) ended their session. */
  async refreshSession(user: User): Promise<void> {
    if (user.cookie) user.cookie = await this.sessionCookie(user.id);
  }

  /** The comments issue reads this settings row: users listed here skip the per-account rate limits. */
  exemptFromRateLimits(userId: string): void {
    this.exempt.push(userId);
    this.raw
      .prepare(
        "INSERT INTO settings (key, value, updated_at) VALUES ('rateLimitExemptUserIds', ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      )
      .run(JSON.stringify(this.exempt), Date.now());
  }

  /** A fresh published article with comments open; returns its slug. */
  createArticle(title?: string): { id: number; slug: string; title: string } {
    const slug = `reliability-${randomUUID().slice(0, 8)}`;
    const t = title ?? `Reliability check ${slug}`;
    const now = Date.now();
    const info = this.raw
      .prepare(
        "INSERT INTO articles (slug, title, dek, body, section, author, published_at, updated_at, status, comments_open) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'published', 1)",
      )
      .run(
        slug,
        t,
        "A page the reliability suite writes comments under.",
        "Body paragraph.\n\nSecond paragraph.",
        this.articleSection,
        "Reliability Desk",
        now - 60_000,
        now - 60_000,
      );
    return { id: Number(info.lastInsertRowid), slug, title: t };
  }

  /** Gives the account a known password again (after a control changed it). */
  async setPassword(userId: string, password: string): Promise<void> {
    const hash = await hashPasswordWithCost(password, 10);
    this.raw.prepare("UPDATE users SET password_hash = ? WHERE id = ?").run(hash, userId);
  }

  setUser(userId: string, changes: { role?: string; status?: string }): void {
    if (changes.role) this.raw.prepare("UPDATE users SET role = ? WHERE id = ?").run(changes.role, userId);
    if (changes.status) {
      this.raw
        .prepare("UPDATE users SET status = ?, status_reason = 'Reliability test', suspended_until = ? WHERE id = ?")
        .run(changes.status, changes.status === "suspended" ? Date.now() + 86_400_000 : null, userId);
    }
  }

  commentsBy(userId: string): { id: number; body: string; status: string; deletedAt: number | null }[] {
    return this.raw
      .prepare("SELECT id, body, status, deleted_at AS deletedAt FROM comments WHERE author_id = ? ORDER BY id")
      .all(userId) as { id: number; body: string; status: string; deletedAt: number | null }[];
  }

  commentCount(articleId: number): { rows: number; stored: number } {
    const rows = (
      this.raw.prepare("SELECT count(*) AS n FROM comments WHERE article_id = ?").get(articleId) as { n: number }
    ).n;
    const stored = (
      this.raw.prepare("SELECT comment_count AS n FROM articles WHERE id = ?").get(articleId) as { n: number }
    ).n;
    return { rows, stored };
  }

  /** A fingerprint of every row of every table: equal fingerprints mean nothing was written. */
  fingerprint(): string {
    const hash = createHash("sha256");
    const tables = this.raw
      // leases: which process runs the background work, renewed every few seconds; not data anyone wrote.
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'leases' ORDER BY name",
      )
      .all() as { name: string }[];
    for (const { name } of tables) {
      hash.update(name);
      // Sorted in JavaScript, not by rowid: the search indexes' shadow tables are WITHOUT ROWID.
      // The outbox counts by its messages: the sender delivering one in the background (status,
      // attempts, times) is not a write by the request under test.
      const columns = name === "mail_outbox" ? "id, message_id, to_address, subject, text_body, html_body" : "*";
      const rows = this.raw
        .prepare(`SELECT ${columns} FROM "${name}"`)
        .all()
        .map((row) => JSON.stringify(row));
      for (const row of rows.sort()) hash.update(row);
    }
    return hash.digest("hex");
  }

  /**
   * PRAGMA integrity_check on a fresh connection, as the next process to start would see the file.
   * This object's own long-lived connection can keep FTS5's cached index structure across another
   * process's kill -9 and restart and then report the search index as corrupt when it is not.
   */
  integrityCheck(): string {
    const fresh = new Database(this.file, { readonly: true });
    try {
      return (fresh.pragma("integrity_check", { simple: true }) as string) ?? "";
    } finally {
      fresh.close();
    }
  }

  close(): void {
    this.raw.close();
  }
}
