/**
 * Turns the short reason the initial-status rules store on a held comment
 * ("suspect word: x", "link from a new reader", ...) into a sentence for
 * moderators. Reasons written by a moderator are shown as they are.
 */
export function describeHoldReason(reason: string | null): string | null {
  if (!reason) return null;
  const suspect = /^suspect word: (.+)$/i.exec(reason);
  if (suspect) return `Contains the suspect word “${suspect[1]}”`;
  switch (reason) {
    case "pre-moderation: everyone":
      return "Held: every comment is pre-moderated";
    case "pre-moderation: new reader":
      return "Held: first comments of a new reader";
    case "link from a new reader":
      return "Held: contains a link from a reader with no approved comment";
    default:
      return reason;
  }
}

export const REPORT_REASON_LABELS: Record<string, string> = {
  spam: "Spam",
  abuse: "Abuse",
  "off-topic": "Off-topic",
  other: "Other",
};
