"use server";

import { wakeMailSender } from "@/lib/mail/sender";
import { redirect } from "next/navigation";
import { z } from "zod";
import { writeTransaction } from "@/db";
import { setCommentStatus } from "@/db/queries/comment-writes";
import { getCommentForDecision, QUEUES, resolveCommentReports } from "@/db/queries/moderation";
import { appendModerationLog } from "@/db/queries/moderation-log";
import { requireCapability } from "@/app/_lib/guards";
import { revalidateArticle, revalidateFronts } from "@/app/_lib/revalidate";
import { canModerateComments } from "@/lib/moderation-permissions";
import { excerpt } from "@/lib/text";
import type { Viewer } from "@/lib/viewer";

const reasonField = z
  .string()
  .trim()
  .max(500, "Keep the reason under 500 characters.")
  .optional()
  .transform((v) => (v ? v : null));

const returnFields = {
  queue: z.enum(QUEUES).catch("pending"),
  before: z
    .string()
    .regex(/^\d{1,15}_\d{1,12}$/)
    .optional()
    .catch(undefined),
  // A staff search the decision was taken from (the page shows it again).
  q: z.string().max(200).optional().catch(undefined),
};

const DecideCommentSchema = z.object({
  commentId: z.coerce.number().int().positive(),
  decision: z.enum(["approve", "reject"]),
  reason: reasonField,
  ...returnFields,
});

const DecideCommentsSchema = z.object({
  commentIds: z.array(z.coerce.number().int().positive()).max(200),
  decision: z.enum(["approve", "reject"]),
  reason: reasonField,
  ...returnFields,
});

type Decision = "approve" | "reject";

function backTo(queue: string, before: string | undefined, params: Record<string, string>, q?: string): string {
  const search = new URLSearchParams({ queue, ...(q ? { q } : {}), ...(before ? { before } : {}), ...params });
  return `/admin/moderation?${search.toString()}`;
}

/**
 * Applies one decision to each comment, in one immediate transaction: the
 * status change (counts kept by setCommentStatus), the reports settled, and a
 * log entry per comment. Comments already in the asked-for state are skipped.
 */
function applyDecision(viewer: Viewer, ids: number[], decision: Decision, reason: string | null) {
  const now = new Date();
  const slugs = new Set<string>();
  // Fronts show comment counts: refresh the sections whose visible count moved.
  const sections = new Set<string>();
  let changed = 0;
  writeTransaction(() => {
    for (const commentId of ids) {
      const comment = getCommentForDecision({ commentId });
      if (!comment || comment.deleted) continue;
      if (decision === "approve") {
        if (comment.status === "approved" && comment.reportCount === 0) continue;
        if (comment.status !== "approved") {
          setCommentStatus({ commentId, status: "approved", reason, moderatorId: viewer.id });
          sections.add(comment.articleSection);
        }
        // Approving a reported comment means the reports were looked at: it leaves the queue.
        resolveCommentReports({ commentId, now, clearCount: true });
      } else {
        if (comment.status === "rejected") continue;
        setCommentStatus({ commentId, status: "rejected", reason, moderatorId: viewer.id });
        if (comment.status === "approved") sections.add(comment.articleSection);
        resolveCommentReports({ commentId, now, clearCount: false });
      }
      appendModerationLog({
        actor: viewer,
        action: decision,
        targetType: "comment",
        targetId: commentId,
        targetLabel: `#${commentId} “${excerpt(comment.body, 60)}”`,
        reason,
        now,
      });
      slugs.add(comment.articleSlug);
      changed++;
    }
  });
  for (const slug of slugs) revalidateArticle(slug);
  for (const section of sections) revalidateFronts(section);
  // An approved held reply may have queued a mail for the person it answers.
  if (changed) wakeMailSender();
  return changed;
}

export async function decideComment(formData: FormData): Promise<void> {
  const viewer = await requireCapability("moderate");
  if (!canModerateComments(viewer)) redirect("/admin");
  const parsed = DecideCommentSchema.safeParse({
    commentId: formData.get("commentId"),
    decision: formData.get("decision"),
    reason: formData.get("reason") ?? undefined,
    queue: formData.get("queue"),
    before: formData.get("before") ?? undefined,
    q: formData.get("q") ?? undefined,
  });
  if (!parsed.success) {
    const queue = QUEUES.find((q) => q === formData.get("queue")) ?? "pending";
    redirect(backTo(queue, undefined, { error: "unreadable" }));
  }
  const { commentId, decision, reason, queue, before, q } = parsed.data;
  let changed: number;
  try {
    changed = applyDecision(viewer, [commentId], decision, reason);
  } catch (error) {
    console.error("decideComment failed", error);
    redirect(backTo(queue, before, { error: "save-failed" }, q));
  }
  if (changed === 0) {
    redirect(backTo(queue, before, { error: "gone" }, q));
  }
  redirect(backTo(queue, before, { done: decision, n: "1" }, q));
}

export async function decideComments(formData: FormData): Promise<void> {
  const viewer = await requireCapability("moderate");
  if (!canModerateComments(viewer)) redirect("/admin");
  const parsed = DecideCommentsSchema.safeParse({
    commentIds: formData.getAll("commentIds"),
    decision: formData.get("decision"),
    reason: formData.get("reason") ?? undefined,
    queue: formData.get("queue"),
    before: formData.get("before") ?? undefined,
    q: formData.get("q") ?? undefined,
  });
  if (!parsed.success) {
    const queue = QUEUES.find((q) => q === formData.get("queue")) ?? "pending";
    redirect(backTo(queue, undefined, { error: "selection-unreadable" }));
  }
  const { commentIds, decision, reason, queue, before, q } = parsed.data;
  if (commentIds.length === 0) {
    redirect(backTo(queue, before, { error: "nothing-selected" }, q));
  }
  let changed: number;
  try {
    changed = applyDecision(viewer, [...new Set(commentIds)], decision, reason);
  } catch (error) {
    console.error("decideComments failed", error);
    redirect(backTo(queue, before, { error: "bulk-save-failed" }, q));
  }
  redirect(backTo(queue, before, { done: decision, n: String(changed) }, q));
}
