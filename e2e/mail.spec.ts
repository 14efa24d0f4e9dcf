import { test, expect, createUser, loginAs } from "./support/fixtures";
import { e2eDb } from "./support/users";
import { mailsTo } from "./support/mailbox";

type OutboxRow = { status: string; message_id: string; attempts: number; last_error: string | null };

function outboxFor(address: string): OutboxRow[] {
  return e2eDb()
    .$client.prepare(
      `select status, message_id, attempts, last_error from mail_outbox where to_address = ? order by id`,
    )
    .all(address) as OutboxRow[];
}

test.describe("mail", () => {
  test("an admin sees the SMTP transport and a test mail arrives with both parts and its Message-ID", async ({
    adminPage: page,
    admin,
  }) => {
    await page.goto("/admin");
    const panel = page.getByRole("region", { name: "Mail" });
    await expect(panel.getByTestId("mail-transport")).toContainText("Sending by SMTP through 127.0.0.1");

    await panel.getByRole("button", { name: "Send a test mail" }).click();
    await expect(panel.getByRole("status")).toHaveText(`A test mail to ${admin.email} is queued.`);

    await expect.poll(async () => (await mailsTo(admin.email)).length).toBe(1);
    const [mail] = await mailsTo(admin.email);
    expect(mail?.subject).toBe("Test mail from Broadsheet");
    expect(mail?.text).toContain(`Hello ${admin.name},`);
    expect(mail?.html).toContain("Open the dashboard");
    expect(mail?.from?.text).toContain("news@broadsheet.test");
    await expect.poll(() => outboxFor(admin.email)[0]?.status).toBe("sent");
    expect(mail?.messageId).toBe(outboxFor(admin.email)[0]?.message_id);

    await page.reload();
    await expect(panel.getByTestId("mail-sent")).not.toHaveText("0");
  });

  test("a reader-written name is escaped in the HTML part", async ({ page }) => {
    const admin = await createUser({ role: "admin", name: `<b>Bold</b> & "quoted"` });
    await loginAs(page, admin);
    await page.goto("/admin");
    await page.getByRole("button", { name: "Send a test mail" }).click();
    await expect.poll(async () => (await mailsTo(admin.email)).length).toBe(1);
    const [mail] = await mailsTo(admin.email);
    expect(mail?.html).toContain("Hello &lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot;,");
    expect(mail?.html).not.toContain("<b>Bold</b>");
    expect(mail?.text).toContain(`Hello <b>Bold</b> & "quoted",`);
  });

  test("a permanent refusal marks the message failed and /admin shows the error", async ({ page }) => {
    const admin = await createUser({ role: "admin", email: `refuse-${Date.now()}@example.test` });
    await loginAs(page, admin);
    await page.goto("/admin");
    await page.getByRole("button", { name: "Send a test mail" }).click();
    await expect(page.getByRole("status")).toContainText("is queued");
    await expect.poll(() => outboxFor(admin.email)[0]?.status).toBe("failed");
    expect(outboxFor(admin.email)[0]?.attempts).toBe(1);
    expect(outboxFor(admin.email)[0]?.last_error).toContain("550");
    await page.reload();
    await expect(page.getByTestId("mail-last-error")).toContainText("550");
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("the test mail form works as a plain form", async ({ adminPage: page, admin }) => {
      await page.goto("/admin");
      await page.getByRole("button", { name: "Send a test mail" }).click();
      await expect(page.getByRole("status")).toHaveText(`A test mail to ${admin.email} is queued.`);
      await expect.poll(async () => (await mailsTo(admin.email)).length).toBe(1);
    });
  });

  test("a moderator sees the mail figures but cannot send a test mail", async ({ moderatorPage: page }) => {
    await page.goto("/admin");
    await expect(page.getByRole("region", { name: "Mail" }).getByTestId("mail-queued")).toBeVisible();
    await expect(page.getByRole("button", { name: "Send a test mail" })).toHaveCount(0);
  });
});
