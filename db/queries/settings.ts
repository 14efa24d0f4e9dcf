import "server-only";
import { getDb, writeTransaction, type Db } from "@/db";
import { PREMOD_MODES, type PremodMode } from "@/lib/vocabulary";
import { DEFAULT_MODERATION_SETTINGS, normaliseWordList, type ModerationSettings } from "@/lib/initial-status";

/*
 * Site settings are JSON values under a key. Unknown or malformed values fall
 * back to the fresh-install defaults, so a bad row can never stop comments.
 */

export const SETTING_KEYS = {
  premoderation: "premoderation",
  premodNewThreshold: "premodNewThreshold",
  bannedWords: "bannedWords",
  suspectWords: "suspectWords",
  rateLimitExemptUserIds: "rateLimitExemptUserIds",
  /** "Close comments N days after publication" (0 or missing: never). */
  autoCloseDays: "autoCloseDays",
  /** `Require a confirmed email to comment` (missing: off, the fresh-install default). */
  requireConfirmedEmail: "requireConfirmedEmail",
} as const;

function readIn(db: Db, key: string): unknown {
  const row = db.$client.prepare(`select value from settings where key = ?`).get(key) as { value: string } | undefined;
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}

function writeIn(db: Db, key: string, value: unknown, now: Date): void {
  db.$client
    .prepare(
      `insert into settings (key, value, updated_at) values (?, ?, ?)
       on conflict(key) do update set value = excluded.value, updated_at = excluded.updated_at`,
    )
    .run(key, JSON.stringify(value), now.getTime());
}

export function saveSetting({ key, value, now = new Date() }: { key: string; value: unknown; now?: Date }): void {
  writeTransaction((db) => writeIn(db, key, value, now));
}

const stringList = (v: unknown): string[] =>
  Array.isArray(v) ? normaliseWordList(v.filter((x): x is string => typeof x === "string")) : [];

/** Reads the moderation settings through a given connection (inside a caller's transaction). */
export function getModerationSettingsIn(db: Db): ModerationSettings {
  const mode = readIn(db, SETTING_KEYS.premoderation);
  const threshold = readIn(db, SETTING_KEYS.premodNewThreshold);
  return {
    premoderation: (PREMOD_MODES as readonly unknown[]).includes(mode)
      ? (mode as PremodMode)
      : DEFAULT_MODERATION_SETTINGS.premoderation,
    premodNewThreshold:
      typeof threshold === "number" && Number.isInteger(threshold) && threshold >= 0 && threshold <= 1000
        ? threshold
        : DEFAULT_MODERATION_SETTINGS.premodNewThreshold,
    bannedWords: stringList(readIn(db, SETTING_KEYS.bannedWords)),
    suspectWords: stringList(readIn(db, SETTING_KEYS.suspectWords)),
  };
}

/** Pre-moderation mode and word lists; a fresh install gets the defaults (off, empty lists). */
export function getModerationSettings(): ModerationSettings {
  return getModerationSettingsIn(getDb());
}

/** Saves the given moderation settings (lists are normalised: trimmed, blanks and duplicates dropped). */
export function saveModerationSettings(settings: Partial<ModerationSettings> & { now?: Date }): ModerationSettings {
  const now = settings.now ?? new Date();
  return writeTransaction((db) => {
    if (settings.premoderation !== undefined) writeIn(db, SETTING_KEYS.premoderation, settings.premoderation, now);
    if (settings.premodNewThreshold !== undefined) {
      writeIn(db, SETTING_KEYS.premodNewThreshold, settings.premodNewThreshold, now);
    }
    if (settings.bannedWords !== undefined) {
      writeIn(db, SETTING_KEYS.bannedWords, normaliseWordList(settings.bannedWords), now);
    }
    if (settings.suspectWords !== undefined) {
      writeIn(db, SETTING_KEYS.suspectWords, normaliseWordList(settings.suspectWords), now);
    }
    return getModerationSettingsIn(db);
  });
}

/** Accounts listed in the `rateLimitExemptUserIds` setting (the benchmark's) skip the posting limits. */
export function isRateLimitExemptIn(db: Db, userId: string): boolean {
  const ids = readIn(db, SETTING_KEYS.rateLimitExemptUserIds);
  return Array.isArray(ids) && ids.includes(userId);
}

/** Days after publication when comments close by themselves; 0 (or a bad value) means never. */
export function getAutoCloseDaysIn(db: Db): number {
  const n = readIn(db, SETTING_KEYS.autoCloseDays);
  return typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 3650 ? n : 0;
}

export function getAutoCloseDays(): number {
  return getAutoCloseDaysIn(getDb());
}

/** Nests as a savepoint inside the action's writeTransaction. */
export function saveAutoCloseDays({ days, now = new Date() }: { days: number; now?: Date }): void {
  writeTransaction((db) => writeIn(db, SETTING_KEYS.autoCloseDays, days, now));
}

/** `Require a confirmed email to comment`: only a stored `true` turns it on. */
export function getRequireConfirmedEmailIn(db: Db): boolean {
  return readIn(db, SETTING_KEYS.requireConfirmedEmail) === true;
}

export function getRequireConfirmedEmail(): boolean {
  return getRequireConfirmedEmailIn(getDb());
}

/** Nests as a savepoint inside the action's writeTransaction. */
export function saveRequireConfirmedEmail({ on, now = new Date() }: { on: boolean; now?: Date }): void {
  writeTransaction((db) => writeIn(db, SETTING_KEYS.requireConfirmedEmail, on, now));
}
