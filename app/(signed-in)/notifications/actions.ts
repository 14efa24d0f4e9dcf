"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/app/_lib/guards";
import { markAllNotificationsRead } from "@/db/queries/notifications";

/** `Mark all as read`: the signed-in reader's own notifications only. A plain form: works without JavaScript. */
export async function markAllReadAction(): Promise<void> {
  const viewer = await requireUser({ callbackUrl: "/notifications" });
  markAllNotificationsRead({ userId: viewer.id, now: new Date() });
  revalidatePath("/notifications");
  redirect("/notifications?done=read");
}
