/**
 * The account forms' rules, one zod schema per form, shared by the server
 * actions, the create-admin command and their tests.
 */
import { z } from "zod";
import { COMMON_PASSWORDS } from "@/lib/common-passwords";

import { NAME_MAX, NAME_MIN, PASSWORD_MAX, PASSWORD_MIN } from "@/lib/account-limits";

export { NAME_MAX, NAME_MIN, PASSWORD_MAX, PASSWORD_MIN };

/** Staff-like or site names nobody may take, compared without case, spaces or punctuation. */
export const RESERVED_NAMES = [
  "admin",
  "administrator",
  "moderator",
  "mod",
  "mods",
  "staff",
  "broadsheet",
  "support",
  "editor",
  "editors",
  "theeditor",
  "theeditors",
  "newsroom",
  "root",
  "system",
  "sysop",
  "official",
  "deleteduser",
  "removedbyamoderator",
  "helpdesk",
  "webmaster",
  "owner",
];

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Characters a display name may not contain: C0/C1 controls, zero-width
 * characters (which make look-alike names), bidi embedding/override/isolate
 * marks (which reorder text around a name), and other invisible format marks.
 */
const FORBIDDEN_NAME_CHARS =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\u206a-\u206f\ufeff\ufff9-\ufffb]/u;

function isReservedName(name: string): boolean {
  const key = name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
  return RESERVED_NAMES.includes(key);
}

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

export const EmailField = z
  .string({ error: "Enter your email address." })
  .transform(normaliseEmail)
  .pipe(
    z
      .string()
      .min(1, "Enter your email address.")
      .max(254, "That email address is too long.")
      .pipe(z.email({ error: "Enter a valid email address, like name@example.com." })),
  );

export const NewPasswordField = z
  .string({ error: "Choose a password." })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters for your password.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters for your password.`)
  .refine((p) => !isCommonPassword(p), "That password is too common. Choose one that is harder to guess.");

/** Display-name rules; staff set up from the command line may take a reserved name. */
export function displayNameField({ allowReserved = false }: { allowReserved?: boolean } = {}) {
  return z
    .string({ error: "Enter a display name." })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .refine((s) => !FORBIDDEN_NAME_CHARS.test(s), "Display names cannot contain control or invisible characters.")
        .refine((s) => [...s].length >= NAME_MIN, `Use at least ${NAME_MIN} characters for your display name.`)
        .refine((s) => [...s].length <= NAME_MAX, `Use at most ${NAME_MAX} characters for your display name.`)
        .refine((s) => allowReserved || !isReservedName(s), "That display name is reserved. Choose another."),
    );
}

export const DisplayNameField = displayNameField();

export const SignUpSchema = z.object({
  name: DisplayNameField,
  email: EmailField,
  password: NewPasswordField,
});
export type SignUpInput = z.infer<typeof SignUpSchema>;

export const SignInSchema = z.object({
  email: EmailField,
  password: z.string().min(1, "Enter your password.").max(1000, "Enter your password."),
});

export const UpdateNameSchema = z.object({ name: DisplayNameField });

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: NewPasswordField,
  })
  .refine((v) => v.currentPassword !== v.newPassword, {
    message: "Choose a new password that differs from the current one.",
    path: ["newPassword"],
  });

export const DeleteAccountSchema = z.object({
  password: z.string().min(1, "Enter your password to confirm."),
});

export type FieldErrors = Partial<Record<string, string>>;

/** First message per field, the shape the forms render under each input. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}
