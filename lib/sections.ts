/**
 * Section rules (the newsroom's desks): what a name may be, where a section
 * moves, when one may be deleted. Pure; db/queries/sections.ts applies them.
 */
import { z } from "zod";
import { slugify } from "./slug";

export type Section = { id: number; name: string; slug: string; position: number; hidden: boolean };

export const SECTION_NAME_MAX = 40;

/**
 * A name: 1–40 characters once trimmed, inner whitespace collapsed, with at
 * least one letter or digit that survives into its URL slug.
 */
export const SectionNameSchema = z
  .string()
  .transform((v) => v.replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(1, "Enter a section name.")
      .max(SECTION_NAME_MAX, `Keep the name under ${SECTION_NAME_MAX} characters.`)
      .refine(
        (v) => slugify(v).length > 0,
        "Use at least one letter or digit (the name becomes the section's address).",
      ),
  );

/** Why a new or renamed section would clash with an existing one (same name or same URL), else null. */
export function sectionNameClash(
  name: string,
  existing: Pick<Section, "id" | "name" | "slug">[],
  selfId?: number,
): string | null {
  const slug = slugify(name);
  const other = existing.find(
    (s) => s.id !== selfId && (s.slug === slug || s.name.toLowerCase() === name.toLowerCase()),
  );
  return other ? `A section named “${other.name}” already uses that name or address.` : null;
}

/** The section to swap places with when moving `id` up or down, or null at the ends. */
export function swapPartner(
  sections: Pick<Section, "id" | "position">[],
  id: number,
  direction: "up" | "down",
): number | null {
  const ordered = [...sections].sort((a, b) => a.position - b.position);
  const at = ordered.findIndex((s) => s.id === id);
  if (at === -1) return null;
  const partner = ordered[direction === "up" ? at - 1 : at + 1];
  return partner ? partner.id : null;
}

/** A section with stories keeps its stories' home: it can be hidden, never deleted. */
export function canDeleteSection(storyCount: number): boolean {
  return storyCount === 0;
}
