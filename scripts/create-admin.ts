/**
 * npm run create-admin -- --email E --password P [--name N]
 *
 * Creates an admin account, or promotes the existing account with that email
 * to admin (and sets its password when --password is given). Uses the same
 * validation and hashing as sign-up; the database is DATABASE_PATH (default
 * data/news.db), created and migrated if needed.
 */
import { eq } from "drizzle-orm";
import { databasePath, openDatabase } from "@/db";
import { users } from "@/db/schema";
import { displayNameField, EmailField, NewPasswordField } from "@/lib/account-rules";
import { hashPassword } from "@/lib/passwords";

const USAGE =
  "Usage: npm run create-admin -- --email you@example.com --password 'a long passphrase' [--name 'Your Name']";

class UsageError extends Error {}

function parseArgs(argv: string[]): Record<"email" | "password" | "name", string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--(email|password|name)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`Unknown argument: ${arg}`);
    const key = match[1]!;
    let value = match[2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`--${key} needs a value.`);
      i++;
    }
    out[key] = value;
  }
  return { email: out.email, password: out.password, name: out.name };
}

function check<T>(
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: unknown,
  label: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(`${label}: ${result.error.issues[0]?.message ?? "invalid"}`);
  return result.data;
}

async function main(): Promise<string> {
  const args = parseArgs(process.argv.slice(2));
  if (!args.email) throw new UsageError("--email is required.");
  const email = check(EmailField, args.email, "Email");
  const password = args.password === undefined ? undefined : check(NewPasswordField, args.password, "Password");
  const name =
    args.name === undefined ? undefined : check(displayNameField({ allowReserved: true }), args.name, "Name");

  const db = openDatabase(databasePath());
  const existing = db.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, email)).get();
  const passwordHash = password === undefined ? undefined : await hashPassword(password);

  if (existing) {
    db.update(users)
      .set({ role: "admin", ...(passwordHash ? { passwordHash } : {}), ...(name ? { name } : {}) })
      .where(eq(users.id, existing.id))
      .run();
    return existing.role === "admin"
      ? `${email} is already an admin${passwordHash ? "; password updated" : ""}.`
      : `Promoted ${email} from ${existing.role} to admin${passwordHash ? " and set a new password" : ""}.`;
  }

  if (!passwordHash) throw new UsageError("--password is required to create a new account.");
  const displayName =
    name ??
    check(displayNameField({ allowReserved: true }), email.split("@")[0] ?? "", "Name (from the email; pass --name)");
  db.insert(users).values({ name: displayName, email, passwordHash, role: "admin" }).run();
  return `Created admin ${email} (display name “${displayName}”).`;
}

main().then(
  (message) => {
    console.log(message);
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`create-admin: ${error.message}\n${USAGE}`);
    } else {
      console.error("create-admin failed:", error);
    }
    process.exitCode = 1;
  },
);
