import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databasePath } from "@/db";

let cached: string | undefined;

/**
 * AUTH_SECRET when set; otherwise a secret generated on first use and kept
 * beside the database (data/auth-secret, mode 600), so sessions survive
 * restarts and every server process on the machine agrees. Called lazily from
 * the Auth.js config, so `next build` never creates the file.
 */
export function resolveAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (cached) return cached;
  const file = process.env.AUTH_SECRET_FILE ?? path.join(path.dirname(databasePath()), "auth-secret");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": only one process wins the race to create it; the others read it.
    fs.writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const secret = fs.readFileSync(file, "utf8").trim();
  if (secret.length < 32) throw new Error(`The auth secret in ${file} is too short; delete the file to regenerate it.`);
  cached = secret;
  return secret;
}
