"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { writeTransaction } from "@/db";
import {
  countStoriesBySection,
  deleteSectionById,
  insertSection,
  listAllSections,
  renameSectionById,
  setSectionHiddenById,
  swapSectionPositions,
} from "@/db/queries/sections";
import { requireCapability } from "@/app/_lib/guards";
import { revalidateFronts, revalidateSearch } from "@/app/_lib/revalidate";
import { fieldErrors, formText, type FormState } from "@/lib/form-state";
import { canDeleteSection, SectionNameSchema, sectionNameClash, swapPartner } from "@/lib/sections";

const AddSectionSchema = z.object({ name: SectionNameSchema });
const RenameSectionSchema = z.object({ id: z.coerce.number().int().positive(), name: SectionNameSchema });
const SectionIdSchema = z.object({ id: z.coerce.number().int().positive() });

/**
 * Every page draws the section navigation, and every cached page carries the
 * "articles" tag (search pages the "search" tag): a section change expires them
 * all, so readers see the new navigation on their next request.
 */
function sectionsChanged(): void {
  revalidateFronts();
  revalidateSearch();
  revalidatePath("/admin/sections");
}

export async function addSection(_prev: FormState, formData: FormData): Promise<FormState> {
  await requireCapability("manage-sections");
  const values = { name: formText(formData, "name") };
  const parsed = AddSectionSchema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), values };
  const { name } = parsed.data;
  const clash = writeTransaction(() => {
    const problem = sectionNameClash(name, listAllSections());
    if (!problem) insertSection({ name });
    return problem;
  });
  if (clash) return { ok: false, errors: { name: clash }, values };
  sectionsChanged();
  return { ok: true, message: `Section “${name}” added.`, doneAt: Date.now() };
}

export async function renameSection(_prev: FormState, formData: FormData): Promise<FormState> {
  await requireCapability("manage-sections");
  const values = { id: formText(formData, "id"), name: formText(formData, "name") };
  const parsed = RenameSectionSchema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), values };
  const { id, name } = parsed.data;
  const result = writeTransaction(() => {
    const all = listAllSections();
    const section = all.find((s) => s.id === id);
    if (!section) return { error: "That section no longer exists." };
    if (section.name === name) return { from: section.name };
    const problem = sectionNameClash(name, all, id);
    if (problem) return { error: problem };
    renameSectionById({ id, from: section.name, to: name });
    return { from: section.name };
  });
  if ("error" in result) return { ok: false, errors: { name: result.error }, values };
  sectionsChanged();
  return { ok: true, message: `Renamed “${result.from}” to “${name}”.`, values: { name } };
}

/** Move up / Move down: swaps places with the neighbour. A plain form (no text to keep). */
export async function moveSection(formData: FormData): Promise<void> {
  await requireCapability("manage-sections");
  const parsed = SectionIdSchema.safeParse({ id: formText(formData, "id") });
  const direction = formText(formData, "direction") === "up" ? "up" : "down";
  if (!parsed.success) redirect("/admin/sections");
  const moved = writeTransaction(() => {
    const all = listAllSections();
    const self = all.find((s) => s.id === parsed.data.id);
    const partnerId = swapPartner(all, parsed.data.id, direction);
    const partner = all.find((s) => s.id === partnerId);
    if (!self || !partner) return false;
    swapSectionPositions({ a: self, b: partner });
    return true;
  });
  if (moved) sectionsChanged();
  redirect(`/admin/sections?done=moved`);
}

export async function setSectionHidden(formData: FormData): Promise<void> {
  await requireCapability("manage-sections");
  const parsed = SectionIdSchema.safeParse({ id: formText(formData, "id") });
  const hidden = formText(formData, "hidden") === "true";
  if (!parsed.success) redirect("/admin/sections");
  const changed = writeTransaction(() => {
    const section = listAllSections().find((s) => s.id === parsed.data.id);
    if (!section || section.hidden === hidden) return false;
    setSectionHiddenById({ id: section.id, hidden });
    return true;
  });
  if (changed) sectionsChanged();
  redirect(`/admin/sections?done=${hidden ? "hidden" : "shown"}`);
}

/** Only a section with no stories at all (any state) may go; others are hidden instead. */
export async function deleteSection(formData: FormData): Promise<void> {
  await requireCapability("manage-sections");
  const parsed = SectionIdSchema.safeParse({ id: formText(formData, "id") });
  if (!parsed.success) redirect("/admin/sections");
  const outcome = writeTransaction(() => {
    const section = listAllSections().find((s) => s.id === parsed.data.id);
    if (!section) return "gone";
    if (!canDeleteSection(countStoriesBySection().get(section.name) ?? 0)) return "has-stories";
    deleteSectionById({ id: section.id });
    return "deleted";
  });
  if (outcome === "deleted") sectionsChanged();
  redirect(`/admin/sections?done=${outcome}`);
}
