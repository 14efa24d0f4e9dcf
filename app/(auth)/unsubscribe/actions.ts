"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { unsubscribeByToken } from "@/db/queries/reply-mail";
import { formText } from "@/lib/form-state";

/** The confirmation page's button: no session needed, the link's secret is the proof. */
export async function unsubscribeAction(formData: FormData): Promise<void> {
  const token = formText(formData, "t");
  const done = unsubscribeByToken(getDb(), token);
  redirect(`/unsubscribe?t=${encodeURIComponent(token)}&done=${done ? "1" : "0"}`);
}
