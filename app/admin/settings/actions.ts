"use server";

import { revalidatePath, revalidateTag } from "next/cache";
import { z } from "zod";
import { writeTransaction } from "@/db";
import { PREMOD_MODES } from "@/lib/vocabulary";
import {
  getAutoCloseDays,
  getModerationSettings,
  getRequireConfirmedEmail,
  saveAutoCloseDays,
  saveRequireConfirmedEmail,
  saveModerationSettings,
} from "@/db/queries/settings";
import { appendModerationLog } from "@/db/queries/moderation-log";
import { requireCapability } from "@/app/_lib/guards";
import { cacheTags } from "@/app/_lib/revalidate";
import { canChangeSettings } from "@/lib/moderation-permissions";
import { fieldErrors, formText, type FormState } from "@/lib/form-state";

const wordList = z
  .string()
  .max(20_000, "That list is too long.")
  .transform((s) =>
    s
      .split(/\r?\n/)
      .map((w) => w.trim())
      .filter(Boolean),
  )
  .refine((words) => words.length <= 500, "Keep each list under 500 entries.")
  .refine((words) => words.every((w) => w.length <= 60), "Each entry must be at most 60 characters.");

const SaveSettingsSchema = z.object({
  premoderation: z.enum(PREMOD_MODES, { error: "Choose a pre-moderation mode." }),
  premodNewThreshold: z.coerce
    .number({ error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(1, "At least 1.")
    .max(100, "At most 100."),
  bannedWords: wordList,
  suspectWords: wordList,
  autoCloseDays: z.coerce
    .number({ error: "Enter a whole number of days." })
    .int("Enter a whole number of days.")
    .min(0, "0 (never) or more.")
    .max(3650, "At most 3650 days."),
  // A checkbox: present ("on") when ticked, absent when not.
  requireConfirmedEmail: z.enum(["", "on"], { error: "That choice was not understood." }).transform((v) => v === "on"),
});

function summary(before: Record<string, unknown>, after: Record<string, unknown>): string {
  const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  if (changed.length === 0) return "no changes";
  return changed
    .map((k) => {
      const v = after[k];
      return Array.isArray(v) ? `${k}: ${v.length} entr${v.length === 1 ? "y" : "ies"}` : `${k}: ${String(v)}`;
    })
    .join("; ");
}

export async function saveSettings(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireCapability("administer");
  if (!canChangeSettings(viewer)) return { ok: false, message: "Only admins change settings." };
  const values = {
    premoderation: formText(formData, "premoderation"),
    premodNewThreshold: formText(formData, "premodNewThreshold"),
    bannedWords: formText(formData, "bannedWords"),
    suspectWords: formText(formData, "suspectWords"),
    autoCloseDays: formText(formData, "autoCloseDays") || "0",
    requireConfirmedEmail: formText(formData, "requireConfirmedEmail"),
  };
  const parsed = SaveSettingsSchema.safeParse(values);
  if (!parsed.success) {
    return {
      ok: false,
      message: "Check the highlighted settings.",
      errors: fieldErrors(parsed.error),
      values,
    };
  }
  const { autoCloseDays, requireConfirmedEmail, ...moderation } = parsed.data;
  try {
    writeTransaction(() => {
      const before = {
        ...getModerationSettings(),
        autoCloseDays: getAutoCloseDays(),
        requireConfirmedEmail: getRequireConfirmedEmail(),
      };
      const saved = saveModerationSettings(moderation);
      saveAutoCloseDays({ days: autoCloseDays });
      saveRequireConfirmedEmail({ on: requireConfirmedEmail });
      appendModerationLog({
        actor: { id: viewer.id, name: viewer.name },
        action: "settings",
        targetType: "settings",
        targetId: "moderation",
        targetLabel: "Moderation settings",
        reason: summary(before, { ...saved, autoCloseDays, requireConfirmedEmail }),
      });
    });
  } catch (error) {
    console.error("saveSettings failed", error);
    return { ok: false, message: "The settings could not be saved. Try again.", values };
  }
  revalidatePath("/admin/settings");
  // Auto-close and the confirmation rule change which articles show a comment form.
  revalidateTag(cacheTags.allArticles, { expire: 0 });
  return { ok: true, message: "Settings saved." };
}
