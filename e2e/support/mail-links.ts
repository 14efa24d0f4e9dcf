/**
 * Links in the mails the test SMTP server received. Mail links carry the
 * site's SITE_URL; tests follow the path and query on the server under test.
 */
import { expect } from "@playwright/test";
import { mailsTo } from "./mailbox";

/** Waits for the `nth` mail (1-based) to `address` and returns it. */
export async function nthMailTo(address: string, nth = 1) {
  await expect.poll(async () => (await mailsTo(address)).length).toBeGreaterThanOrEqual(nth);
  const mail = (await mailsTo(address))[nth - 1];
  if (!mail) throw new Error(`no mail ${nth} to ${address}`);
  return mail;
}

/** The path and query of the first link to `pathname` in a mail's text part. */
export function linkIn(text: string | undefined, pathname: string): string {
  const match = new RegExp(`https?://[^\\s/]+(${pathname.replace(/[/]/g, "\\/")}\\?token=[A-Za-z0-9_-]+)`).exec(
    text ?? "",
  );
  if (!match?.[1]) throw new Error(`no ${pathname} link in: ${text}`);
  return match[1];
}
