/**
 * Test users written straight into the e2e database, and session cookies
 * minted the way Auth.js mints them, so specs never sign in through the UI
 * unless sign-in is what they test.
 */
import { randomUUID } from "node:crypto";
import type { BrowserContext, Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { openDatabase, type Db } from "@/db";
import { users } from "@/db/schema";
import { type Role, type UserStatus } from "@/lib/vocabulary";
import { hashPasswordWithCost } from "@/lib/passwords";

/** Auth.js's default cookie name over plain http (the e2e server is http://127.0.0.1). */
export const SESSION_COOKIE = "authjs.session-token";

let db: Db | undefined;

/** The e2e server's database (one connection per Playwright worker). */
export function e2eDb(): Db {
  const file = process.env.E2E_DATABASE_PATH;
  if (!file) throw new Error("E2E_DATABASE_PATH is not set (run through playwright.config.ts)");
  db ??= openDatabase(file);
  return db;
}

export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

export type TestUser = {
  id: string;
  name: string;
  email: string;
  /** The plain password, for specs that sign in through the form. */
  password: string;
  role: Role;
  status: UserStatus;
};

export type CreateUserOptions = {
  role?: Role;
  status?: UserStatus;
  name?: string;
  email?: string;
  password?: string;
  createdAt?: Date;
  suspendedUntil?: Date | null;
  statusReason?: string | null;
};

export async function createUser(options: CreateUserOptions = {}): Promise<TestUser> {
  const suffix = uniqueSuffix();
  const role = options.role ?? "reader";
  const status = options.status ?? "active";
  const name = options.name ?? `${role.charAt(0).toUpperCase()}${role.slice(1)} ${suffix}`;
  const email = (options.email ?? `${role}-${suffix}@example.test`).toLowerCase();
  const password = options.password ?? `correct horse ${suffix}`;
  // A low scrypt cost keeps fixtures fast; the cost is stored in the hash, so sign-in still verifies it.
  const passwordHash = await hashPasswordWithCost(password, 10);
  const row = e2eDb()
    .insert(users)
    .values({
      name,
      email,
      passwordHash,
      role,
      status,
      createdAt: options.createdAt ?? new Date(),
      suspendedUntil: options.suspendedUntil ?? null,
      statusReason: options.statusReason ?? null,
    })
    .returning({ id: users.id })
    .get();
  return { id: row.id, name, email, password, role, status };
}

/** A valid Auth.js session token (JWT carrying only the user id). */
export async function mintSessionToken(userId: string): Promise<string> {
  const secret = process.env.E2E_AUTH_SECRET;
  if (!secret) throw new Error("E2E_AUTH_SECRET is not set (run through playwright.config.ts)");
  return encode({ token: { sub: userId }, secret, salt: SESSION_COOKIE, maxAge: 24 * 60 * 60 });
}

/** Signs the browser context (or the page's context) in as `user`. */
export async function loginAs(target: BrowserContext | Page, user: Pick<TestUser, "id">): Promise<void> {
  const context =
    "context" in target && typeof target.context === "function" ? target.context() : (target as BrowserContext);
  const base = new URL(process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100");
  await context.addCookies([
    {
      name: SESSION_COOKIE,
      value: await mintSessionToken(user.id),
      domain: base.hostname,
      path: "/",
      httpOnly: true,
      sameSite: "Lax",
      secure: false,
      expires: Math.floor(Date.now() / 1000) + 24 * 60 * 60,
    },
  ]);
}
