import type { ModerationAction } from "@/lib/vocabulary";

export const ACTION_LABELS: Record<ModerationAction, string> = {
  approve: "Approved",
  reject: "Rejected",
  suspend: "Suspended",
  ban: "Banned",
  lift: "Lifted",
  role: "Role changed",
  settings: "Settings changed",
  "close-comments": "Comments closed",
  "open-comments": "Comments opened",
  "article-premod": "Article pre-moderation",
};
