import "server-only";
import { cache } from "react";
import { asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { articles, sections } from "@/db/schema";
import type { Section } from "@/lib/sections";
import { slugify } from "@/lib/slug";

const columns = {
  id: sections.id,
  name: sections.name,
  slug: sections.slug,
  position: sections.position,
  hidden: sections.hidden,
};

/** Every section in navigation order, hidden ones included (the admin list, name checks). */
export function listAllSections(): Section[] {
  return getDb().select(columns).from(sections).orderBy(asc(sections.position), asc(sections.id)).all();
}

/** The sections readers see in the navigation, in order; one query per request. */
export const listVisibleSections = cache(async (): Promise<Section[]> => {
  return getDb()
    .select(columns)
    .from(sections)
    .where(eq(sections.hidden, false))
    .orderBy(asc(sections.position), asc(sections.id))
    .all();
});

/** The section a URL slug names (hidden ones too: their stories still link to them), or null. */
export function getSectionBySlug({ slug }: { slug: string }): Section | null {
  return getDb().select(columns).from(sections).where(eq(sections.slug, slug)).get() ?? null;
}

/** Stories (any state) filed under each section name. */
export function countStoriesBySection(): Map<string, number> {
  const rows = getDb()
    .select({ section: articles.section, n: sql<number>`count(*)` })
    .from(articles)
    .groupBy(articles.section)
    .all();
  return new Map(rows.map((r) => [r.section, r.n]));
}

// The writes below run inside the action's writeTransaction.

export function insertSection({ name }: { name: string }): void {
  const db = getDb();
  const last =
    db
      .select({ p: sql<number>`coalesce(max(${sections.position}), 0)` })
      .from(sections)
      .get()?.p ?? 0;
  db.insert(sections)
    .values({ name, slug: slugify(name), position: last + 1 })
    .run();
}

/** Renames a section and refiles its stories under the new name (stories name their section). */
export function renameSectionById({ id, from, to }: { id: number; from: string; to: string }): void {
  const db = getDb();
  db.update(sections)
    .set({ name: to, slug: slugify(to) })
    .where(eq(sections.id, id))
    .run();
  db.update(articles).set({ section: to }).where(eq(articles.section, from)).run();
}

export function swapSectionPositions({ a, b }: { a: Section; b: Section }): void {
  const db = getDb();
  db.update(sections).set({ position: b.position }).where(eq(sections.id, a.id)).run();
  db.update(sections).set({ position: a.position }).where(eq(sections.id, b.id)).run();
}

export function setSectionHiddenById({ id, hidden }: { id: number; hidden: boolean }): void {
  getDb().update(sections).set({ hidden }).where(eq(sections.id, id)).run();
}

export function deleteSectionById({ id }: { id: number }): void {
  getDb().delete(sections).where(eq(sections.id, id)).run();
}
