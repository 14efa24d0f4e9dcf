/**
 * One zod schema per comment form, shared by the actions (actions.ts, which as
 * a "use server" module may export only functions) and their tests.
 */
import { z } from "zod";
import { REPORT_REASONS } from "@/lib/vocabulary";
import { validateCommentText } from "@/lib/comment-text";

export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

function bodyField(label: string) {
  return z
    .string({ error: `${label} can't be empty.` })
    .max(100_000, `${label} is too long.`)
    .transform((value, ctx) => {
      const result = validateCommentText(value, label);
      if (!result.ok) {
        ctx.addIssue({ code: "custom", message: result.message });
        return z.NEVER;
      }
      return result.text;
    });
}

const common = {
  slug: z.string().min(1).max(300),
  returnTo: z.string().max(500).optional().default(""),
  js: z.string().optional(),
};

export const PostCommentSchema = z.object({ ...common, body: bodyField("Comment") });
export const PostReplySchema = z.object({ ...common, parentId: id, body: bodyField("Reply") });
export const EditCommentSchema = z.object({ ...common, commentId: id, body: bodyField("Comment") });
export const DeleteCommentSchema = z.object({ ...common, commentId: id });
export const ToggleLikeSchema = z.object({ ...common, commentId: id });
export const ReportCommentSchema = z.object({
  ...common,
  commentId: id,
  reason: z.enum(REPORT_REASONS, { error: "Choose a reason." }),
  note: z
    .string()
    .max(1000, "Note is too long (the limit is 1,000 characters).")
    .optional()
    .transform((v) => v?.trim() || null),
});
