import type { Metadata } from "next";
import { requireCapability } from "@/app/_lib/guards";
import { getAutoCloseDays, getModerationSettings, getRequireConfirmedEmail } from "@/db/queries/settings";
import { PageHeader } from "@/components/admin/page-header";
import { SettingsForm } from "@/components/admin/settings-form";
import { saveSettings } from "./actions";

export const metadata: Metadata = { title: "Settings", robots: { index: false } };

export default async function SettingsPage() {
  await requireCapability("administer", { callbackUrl: "/admin/settings" });
  const settings = {
    ...getModerationSettings(),
    autoCloseDays: getAutoCloseDays(),
    requireConfirmedEmail: getRequireConfirmedEmail(),
  };
  return (
    <div>
      <PageHeader title="Settings">
        The rules every new comment passes. Changes apply to comments posted from now on and are recorded in the log.
      </PageHeader>
      <SettingsForm action={saveSettings} settings={settings} />
    </div>
  );
}
