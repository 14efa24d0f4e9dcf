import "server-only";
import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { moderationLog } from "@/db/schema";
import { type ModerationAction } from "@/lib/vocabulary";

export type LogTargetType = "comment" | "user" | "article" | "settings";

export type LogEntryInput = {
  actor: { id: string; name: string };
  action: ModerationAction;
  targetType: LogTargetType;
  targetId: string | number;
  targetLabel: string;
  reason?: string | null;
  now?: Date;
};

/**
 * Appends one decision. Call it inside the `writeTransaction` that makes the
 * change, so a decision and its record are written together or not at all.
 * (The table's triggers refuse UPDATE and DELETE: there is no other write.)
 */
export function appendModerationLog(entry: LogEntryInput): void {
  getDb()
    .insert(moderationLog)
    .values({
      actorId: entry.actor.id,
      actorName: entry.actor.name,
      action: entry.action,
      targetType: entry.targetType,
      targetId: String(entry.targetId),
      targetLabel: entry.targetLabel.slice(0, 200),
      reason: entry.reason?.trim() ? entry.reason.trim() : null,
      createdAt: entry.now ?? new Date(),
    })
    .run();
}

export type LogFilters = {
  actorId?: string;
  action?: ModerationAction;
  targetType?: LogTargetType;
  /** Matches the target's id exactly or its label by substring. */
  target?: string;
  /** Exactly this target id (with targetType). */
  targetId?: string;
  /** Cursor: entries older than this id. */
  beforeId?: number;
  limit?: number;
};

export type LogRow = {
  id: number;
  actorId: string | null;
  actorName: string;
  action: ModerationAction;
  targetType: LogTargetType;
  targetId: string;
  targetLabel: string;
  reason: string | null;
  createdAt: Date;
};

/** Newest first (ids grow with time, so the id is the cursor). */
export function listModerationLog(filters: LogFilters = {}): { rows: LogRow[]; nextBeforeId: number | null } {
  const limit = filters.limit ?? 50;
  const where = [];
  if (filters.actorId) where.push(eq(moderationLog.actorId, filters.actorId));
  if (filters.action) where.push(eq(moderationLog.action, filters.action));
  if (filters.targetType) where.push(eq(moderationLog.targetType, filters.targetType));
  if (filters.target) {
    const escaped = filters.target.replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(
      or(
        eq(moderationLog.targetId, filters.target),
        sql`${moderationLog.targetLabel} like ${`%${escaped}%`} escape '\\'`,
      )!,
    );
  }
  if (filters.targetId) where.push(eq(moderationLog.targetId, filters.targetId));
  if (filters.beforeId) where.push(lt(moderationLog.id, filters.beforeId));
  const rows = getDb()
    .select({
      id: moderationLog.id,
      actorId: moderationLog.actorId,
      actorName: moderationLog.actorName,
      action: moderationLog.action,
      targetType: moderationLog.targetType,
      targetId: moderationLog.targetId,
      targetLabel: moderationLog.targetLabel,
      reason: moderationLog.reason,
      createdAt: moderationLog.createdAt,
    })
    .from(moderationLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(moderationLog.id))
    .limit(limit + 1)
    .all();
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page, nextBeforeId: more ? (page[page.length - 1]?.id ?? null) : null };
}

/** Everyone who has made a decision, for the log's moderator filter. */
export function listLogActors(): { actorId: string; actorName: string }[] {
  return getDb()
    .select({ actorId: moderationLog.actorId, actorName: sql<string>`max(${moderationLog.actorName})` })
    .from(moderationLog)
    .where(sql`${moderationLog.actorId} is not null`)
    .groupBy(moderationLog.actorId)
    .all()
    .map((r) => ({ actorId: r.actorId!, actorName: r.actorName }))
    .sort((a, b) => a.actorName.localeCompare(b.actorName));
}

/** Decisions about one target (a user's history, a comment's history). */
export function listLogForTarget({
  targetType,
  targetId,
  limit = 50,
}: {
  targetType: LogTargetType;
  targetId: string | number;
  limit?: number;
}): LogRow[] {
  return listModerationLog({ targetType, targetId: String(targetId), limit }).rows;
}
