"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { writeTransaction } from "@/db";
import { requireCapability } from "@/app/_lib/guards";
import { queueMailIn } from "@/lib/mail/queue";
import { wakeMailSender } from "@/lib/mail/sender";
import { absoluteUrl, SITE_NAME } from "@/lib/site";
import type { FormState } from "@/lib/form-state";

// The form has no fields; the schema pins that, so a replayed request carrying an address is refused.
const SendTestMailSchema = z.object({}).strict();

/** Queues a test mail to the signed-in admin's own address, to check the mail settings end to end. */
export async function sendTestMail(_prev: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireCapability("administer", { callbackUrl: "/admin" });
  const fields = Object.fromEntries(
    [...formData.keys()].filter((k) => !k.startsWith("$")).map((k) => [k, formData.get(k)]),
  );
  if (!SendTestMailSchema.safeParse(fields).success) return { ok: false, message: "That request was not understood." };
  try {
    writeTransaction((db) =>
      queueMailIn(db, {
        to: viewer.email,
        userId: viewer.id,
        content: {
          subject: `Test mail from ${SITE_NAME}`,
          paragraphs: [
            `Hello ${viewer.name},`,
            `This is a test mail from ${SITE_NAME}. If you are reading it, mail from the site reaches your inbox.`,
          ],
          action: { label: "Open the dashboard", url: absoluteUrl("/admin") },
        },
      }),
    );
  } catch (error) {
    console.error("sendTestMail failed", error);
    return { ok: false, message: "The test mail could not be queued. Try again." };
  }
  wakeMailSender();
  revalidatePath("/admin");
  return { ok: true, message: `A test mail to ${viewer.email} is queued.` };
}
