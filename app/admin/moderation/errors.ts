/**
 * Errors of the queue's decision forms travel back in the URL as codes, never
 * as text: a crafted link must not be able to put words on a staff page.
 */
export const MODERATION_ERRORS = {
  unreadable: "That decision could not be read.",
  "save-failed": "The decision could not be saved. Try again.",
  gone: "That comment has already been dealt with or no longer exists.",
  "selection-unreadable": "Those comments could not be read. Select them again.",
  "nothing-selected": "Select at least one comment first.",
  "bulk-save-failed": "The decisions could not be saved. Try again.",
} as const;

export type ModerationErrorCode = keyof typeof MODERATION_ERRORS;

export function moderationErrorMessage(code: string | undefined): string | null {
  return code && Object.hasOwn(MODERATION_ERRORS, code) ? MODERATION_ERRORS[code as ModerationErrorCode] : null;
}
