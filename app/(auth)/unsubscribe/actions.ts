"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { unsubscribeByToken } from "@/db/queries/mail-lists";
import { parseMailList } from "@/lib/mail/mail-lists";
import { formText } from "@/lib/form-state";

/** The confirmation page's button: no session needed, the link's secret is the proof. */
export async function unsubscribeAction(formData: FormData): Promise<void> {
  const token = formText(formData, "t");
  const list = parseMailList(formText(formData, "list"));
  const done = unsubscribeByToken(getDb(), { token, list });
  redirect(`/unsubscribe?t=${encodeURIComponent(token)}&list=${list}&done=${done ? "1" : "0"}`);
}
