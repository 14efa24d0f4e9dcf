/**
 * What the test SMTP server received (e2e/support/smtp-server.ts), parsed
 * with mailparser. `mailsTo` is for `expect.poll`: mail is sent after the
 * request that queued it has answered.
 */
import fs from "node:fs";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";

function mailFolder(): string {
  const folder = process.env.E2E_MAIL_DIR;
  if (!folder) throw new Error("E2E_MAIL_DIR is not set (run through playwright.config.ts)");
  return folder;
}

/** Every message received for `address`, oldest first. */
export async function mailsTo(address: string): Promise<ParsedMail[]> {
  const folder = mailFolder();
  const files = fs
    .readdirSync(folder)
    .filter((f) => f.endsWith(".eml"))
    .sort();
  const parsed: ParsedMail[] = [];
  for (const file of files) {
    const mail = await simpleParser(fs.readFileSync(path.join(folder, file)));
    const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
    if (to.some((t) => t.value.some((v) => v.address?.toLowerCase() === address.toLowerCase()))) parsed.push(mail);
  }
  return parsed;
}
