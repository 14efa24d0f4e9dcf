/**
 * The account forms' rules, one zod schema per form, shared by the server
 * actions, the create-admin command and their tests.
 */
import unhomoglyph from "unhomoglyph";
import { z } from "zod";
import { COMMON_PASSWORDS } from "@/lib/common-passwords";
import { findListedWord } from "@/lib/initial-status";

import { NAME_MAX, NAME_MIN, PASSWORD_MAX, PASSWORD_MIN } from "@/lib/account-limits";

export { NAME_MAX, NAME_MIN, PASSWORD_MAX, PASSWORD_MIN };

/** Staff-like or site names nobody may take as a whole name, compared by confusable key without spaces or punctuation. */
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

/**
 * Staff roles and the site's own name: no display name may hold one of these
 * as a word ("moderator team", "Site Admin"), in any letters that look alike.
 */
export const STAFF_WORDS = [
  "admin",
  "admins",
  "administrator",
  "administrators",
  "moderator",
  "moderators",
  "mod",
  "mods",
  "staff",
  "sysop",
  "webmaster",
  "editor",
  "editors",
  "broadsheet",
  "newsroom",
];
/** Staff words that may not begin or end a longer word either ("TheAdmin", "moderatorteam"). */
const STAFF_AFFIXES = ["admin", "administrator", "moderator"];

function fold(text: string): string {
  return text.normalize("NFKC").toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
}

/**
 * What a text looks like, for comparing names: NFKC, lower case, accents
 * dropped, then the Unicode confusable skeleton (UTS #39, from Unicode's
 * confusables.txt as the unhomoglyph package ships it), folded again. A
 * Cyrillic "а" and a Latin "a" get the same key; so do "0" and "o". Keys are
 * only compared with each other, never shown ("m" becomes "rn").
 */
export function confusableKey(text: string): string {
  return fold(unhomoglyph(fold(text)));
}

/** The words of a name: runs of letters and digits, also split where a lower-case letter meets a capital. */
function nameWords(name: string): string[] {
  return name
    .normalize("NFKC")
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter(Boolean);
}

const RESERVED_KEYS = new Set(RESERVED_NAMES.map(confusableKey));
const STAFF_WORD_KEYS = new Set(STAFF_WORDS.map(confusableKey));
const STAFF_AFFIX_KEYS = STAFF_AFFIXES.map(confusableKey);

/**
 * A reserved name, or a name that passes for staff: compared by confusable
 * key, the whole name without spaces or punctuation against the reserved
 * names, each word against the staff words.
 */
export function isStaffLikeName(name: string): boolean {
  const keys = nameWords(name).map(confusableKey);
  if (RESERVED_KEYS.has(keys.join(""))) return true;
  return keys.some(
    (key) => STAFF_WORD_KEYS.has(key) || STAFF_AFFIX_KEYS.some((affix) => key.startsWith(affix) || key.endsWith(affix)),
  );
}

/** The first of the site's banned words found in a display name, as a word, in plain or look-alike letters. */
export function bannedWordInName(name: string, bannedWords: readonly string[]): string | null {
  const plain = findListedWord(name, bannedWords);
  if (plain) return plain;
  const key = confusableKey(name);
  return bannedWords.find((word) => findListedWord(key, [confusableKey(word)]) !== null) ?? null;
}

export function bannedNameMessage(word: string): string {
  return `That display name contains a word that isn't allowed: ${word}`;
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

/**
 * Display-name rules (the site's banned words are checked apart, where the
 * settings are read: `bannedWordInName`); staff set up from the command line
 * may take a reserved name.
 */
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
        .refine((s) => allowReserved || !isStaffLikeName(s), "That display name is reserved. Choose another."),
    );
}

export const DisplayNameField = displayNameField();

export const SignUpSchema = z.object({
  name: DisplayNameField,
  email: EmailField,
  password: NewPasswordField,
});

export const SignInSchema = z.object({
  email: EmailField,
  password: z.string().min(1, "Enter your password.").max(1000, "Enter your password."),
});

export const ForgotPasswordSchema = z.object({ email: EmailField });

/** The token is checked for shape here and against the database by the action. */
export const ResetPasswordSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This password reset link is not valid."),
  password: NewPasswordField,
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

export const SetPasswordSchema = z.object({ newPassword: NewPasswordField });

export const ChangeEmailSchema = z.object({
  email: EmailField,
  password: z.string().min(1, "Enter your password to confirm.").max(1000, "That password is incorrect."),
});

export const DeleteAccountSchema = z.object({
  password: z.string().min(1, "Enter your password to confirm."),
});
