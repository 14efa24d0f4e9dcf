/**
 * Auth.js (next-auth v5) configuration. Sessions are JWTs that carry only the
 * user id: role and status are read from the database on every request by the
 * guards in app/_lib/guards.ts, so a ban or demotion applies at once.
 *
 * The config is a function so nothing here runs at build time (no database,
 * no generated secret) — only when a request needs it.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import { getDb } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { resolveAuthSecret } from "@/app/_lib/auth-secret";
import { getSessionVersion, getUserCredentialsByEmail } from "@/db/queries/users";
import { claimSigninAttempt, markSigninSucceeded, releaseSigninAttempt } from "@/db/queries/signin-attempts";
import { buildProviders } from "@/lib/auth-providers";
import { normaliseEmail } from "@/lib/account-rules";
import { verifyPasswordOrDummy } from "@/lib/passwords";
import { clientAddressOf } from "@/app/_lib/client-address";
import { HashingBusy, waitedTooLong, withHashingSlot } from "@/app/_lib/auth-capacity";

/** Too many failures: the sign-in action turns this into the "try again in N minutes" message. */
export class SigninThrottled extends CredentialsSignin {
  code = "throttled";
}

/** No hashing slot came free in time: the sign-in action says "try again in a moment". */
export class SigninBusy extends CredentialsSignin {
  code = "busy";
}

const TICKET_TTL_MS = 60_000;

function ticketSignature(payload: string): Buffer {
  return createHmac("sha256", resolveAuthSecret()).update(`signup-ticket:${payload}`).digest();
}

/**
 * A short-lived, server-signed pass that signs in an account whose password
 * the server has just set or checked (sign-up, a reset, a password change), so
 * it costs no second scrypt hash. It only ever travels inside the server
 * (signIn builds its own request), never to a browser.
 */
export function signinTicket(userId: string): string {
  const payload = `${userId}.${Date.now() + TICKET_TTL_MS}`;
  return `${payload}.${ticketSignature(payload).toString("base64url")}`;
}

function userIdFromTicket(ticket: string): string | null {
  const cut = ticket.lastIndexOf(".");
  const payload = ticket.slice(0, cut);
  const given = Buffer.from(ticket.slice(cut + 1), "base64url");
  const expected = ticketSignature(payload);
  if (cut < 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [userId, expires] = payload.split(".");
  return userId && Number(expires) > Date.now() ? userId : null;
}

/** Checks email and password, with throttling shared through SQLite. */
async function authorizeCredentials(credentials: Partial<Record<string, unknown>>, request: Request) {
  if (typeof credentials.ticket === "string") {
    const id = userIdFromTicket(credentials.ticket);
    const email = typeof credentials.email === "string" ? normaliseEmail(credentials.email) : "";
    const user = id ? getUserCredentialsByEmail({ email }) : null;
    return user && user.id === id ? { id: user.id } : null;
  }
  const email = typeof credentials.email === "string" ? normaliseEmail(credentials.email) : "";
  const password = typeof credentials.password === "string" ? credentials.password : "";
  if (!email || !password || email.length > 254 || password.length > 1000) return null;
  // A post that waited its turn too long (scripts/front-door.cjs) is not checked, nor counted.
  if (waitedTooLong(request.headers)) throw new SigninBusy();
  const ip = clientAddressOf(request.headers);
  const now = new Date();
  const claim = claimSigninAttempt({ email, ip, now });
  if (claim.refused) throw new SigninThrottled();
  const user = getUserCredentialsByEmail({ email });
  let ok: boolean;
  try {
    ok = await withHashingSlot((derive) => verifyPasswordOrDummy(password, user?.passwordHash, derive));
  } catch (error) {
    if (!(error instanceof HashingBusy)) throw error;
    releaseSigninAttempt({ attemptId: claim.attemptId }); // never checked, so not a failure
    throw new SigninBusy();
  }
  if (!ok || !user) return null; // the claimed attempt stays a failure
  markSigninSucceeded({ attemptId: claim.attemptId });
  return { id: user.id };
}

let adapter: Adapter | undefined;

function getAdapter(): Adapter {
  if (adapter) return adapter;
  const base = DrizzleAdapter(getDb(), {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  adapter = {
    ...base,
    // OAuth profiles may lack a name; users.name is required and shown on comments.
    // GitHub and Google vouch for the address they give: such accounts count as confirmed.
    createUser: (user: AdapterUser) =>
      base.createUser!({
        ...user,
        emailVerified: user.emailVerified ?? new Date(),
        email: normaliseEmail(user.email),
        name: (user.name ?? "").trim().slice(0, 40) || user.email.split("@")[0]!.slice(0, 40) || "Reader",
      }),
  };
  return adapter;
}

function trustHost(): boolean {
  const value = process.env.AUTH_TRUST_HOST;
  return value === undefined || value === "" ? true : value !== "false" && value !== "0";
}

export const { handlers, signIn, signOut } = NextAuth((): NextAuthConfig => ({
  adapter: getAdapter(),
  secret: resolveAuthSecret(),
  trustHost: trustHost(),
  session: { strategy: "jwt" },
  pages: { signIn: "/signin", error: "/signin" },
  logger: {
    // A wrong, refused or deferred password is an answer, not a server fault: logging each with
    // its stack (Auth.js's default) let a flood of guesses fill the log and cost CPU.
    error(error) {
      if ((error as Error & { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth][error]", error);
    },
  },
  providers: buildProviders(process.env, authorizeCredentials),
  callbacks: {
    // Only the id and the account's session version go into the token; everything else is
    // read from the database. The version is read at sign-in only (never on an update a
    // browser can ask for), so a token from before a reset can never be brought up to date.
    jwt({ token, user }) {
      if (user?.id) {
        const sv = getSessionVersion({ id: user.id });
        return sv === null ? null : { sub: user.id, sv };
      }
      if (!token.sub) return null;
      return { sub: token.sub, sv: typeof token.sv === "number" ? token.sv : 0 };
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
