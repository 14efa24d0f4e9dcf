/**
 * The one place that decides what happens to a new comment: published at once,
 * held for review (with the reason moderators will see), or refused.
 */
import { roleGrants } from "./roles";
import type { PremodMode, Role } from "@/lib/vocabulary";
import { containsLink } from "./comment-text";

export type ModerationSettings = {
  premoderation: PremodMode;
  /** With premoderation "new": a reader's comments are held until they have this many approved. */
  premodNewThreshold: number;
  bannedWords: string[];
  suspectWords: string[];
};

/** A fresh install: nothing held except links from readers with no approved comment. */
export const DEFAULT_MODERATION_SETTINGS: ModerationSettings = {
  premoderation: "off",
  premodNewThreshold: 3,
  bannedWords: [],
  suspectWords: [],
};

export type InitialStatusInput = {
  text: string;
  author: { role: Role; approvedCount: number; createdAt?: Date };
  /** The article's own pre-moderation mode; null follows the site setting. */
  articlePremod: PremodMode | null;
  settings: ModerationSettings;
};

export type InitialStatus =
  { status: "approved"; reason: null } | { status: "pending"; reason: string } | { status: "refused"; message: string };

// Zero-width characters inside a word must not hide it from the lists.
const INVISIBLE_RE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Normalises list entries: trimmed, non-empty, NFKC, without duplicates (case-insensitive). */
export function normaliseWordList(words: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of words) {
    const word = raw.normalize("NFKC").replace(INVISIBLE_RE, "").trim().replace(/\s+/g, " ");
    const key = word.toLocaleLowerCase();
    if (!word || seen.has(key)) continue;
    seen.add(key);
    out.push(word);
  }
  return out;
}

/**
 * The first listed word or phrase found in the text as a whole word
 * (case-insensitive; letters and digits of any script count as word characters,
 * so "ass" does not match "class" and "über" matches "Über").
 */
export function findListedWord(text: string, words: readonly string[]): string | null {
  const haystack = text.normalize("NFKC").replace(INVISIBLE_RE, "");
  for (const word of normaliseWordList(words)) {
    const pattern = escapeRegExp(word).replace(/ /g, "\\s+");
    const re = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_])${pattern}(?![\\p{L}\\p{N}\\p{M}_])`, "iu");
    if (re.test(haystack)) return word;
  }
  return null;
}

export function decideInitialStatus(input: InitialStatusInput): InitialStatus {
  const { text, author, settings } = input;
  // Staff who moderate are trusted with their own comments.
  if (roleGrants(author.role, "moderate")) return { status: "approved", reason: null };

  const banned = findListedWord(text, settings.bannedWords);
  if (banned) {
    return { status: "refused", message: `Your comment contains a word that isn't allowed: ${banned}` };
  }
  const suspect = findListedWord(text, settings.suspectWords);
  if (suspect) return { status: "pending", reason: `suspect word: ${suspect}` };

  const mode = input.articlePremod ?? settings.premoderation;
  if (mode === "all") return { status: "pending", reason: "pre-moderation: everyone" };
  if (mode === "new" && author.approvedCount < settings.premodNewThreshold) {
    return { status: "pending", reason: "pre-moderation: new reader" };
  }
  if (author.approvedCount === 0 && containsLink(text)) {
    return { status: "pending", reason: "link from a new reader" };
  }
  return { status: "approved", reason: null };
}
