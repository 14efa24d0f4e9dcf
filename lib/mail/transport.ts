import "server-only";
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { databasePath } from "@/db";
import { siteUrl, SITE_NAME } from "@/lib/site";

/*
 * Where mail goes: SMTP when SMTP_URL is set, otherwise .eml files in the
 * outbox folder beside the database (data/outbox/ by default), with each
 * message's links printed on the console — so `npm start` needs nothing but
 * Node and a newcomer can still follow a reset link.
 */

export type TransportInfo = { kind: "smtp"; host: string } | { kind: "folder"; folder: string };

export function outboxFolder(): string {
  return path.join(path.dirname(databasePath()), "outbox");
}

export function describeTransport(env: Record<string, string | undefined> = process.env): TransportInfo {
  const url = env.SMTP_URL?.trim();
  if (url) {
    let host = "the configured server";
    try {
      const parsed = new URL(url);
      host = parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname;
    } catch {
      // An unparsable URL still goes to nodemailer, which reports it per send.
    }
    return { kind: "smtp", host };
  }
  return { kind: "folder", folder: outboxFolder() };
}

/** MAIL_FROM, or the site's name at the site's host. */
export function mailFrom(env: Record<string, string | undefined> = process.env): string {
  const from = env.MAIL_FROM?.trim();
  if (from) return from;
  return `"${SITE_NAME}" <no-reply@${new URL(siteUrl(env)).hostname}>`;
}

/** The domain Message-IDs are made under: MAIL_FROM's, else the site's host. */
export function messageIdDomain(env: Record<string, string | undefined> = process.env): string {
  const match = /@([^>\s]+)>?\s*$/.exec(mailFrom(env));
  return match?.[1] ?? "localhost";
}

/** Nodemailer's `to` as text: a string, an address object, or a list of either. */
function recipients(to: Mail.Options["to"]): string {
  const list = Array.isArray(to) ? to : to ? [to] : [];
  return list.map((a) => (typeof a === "string" ? a : a.address)).join(", ");
}

export type Deliver = (message: Mail.Options & { messageId: string }) => Promise<void>;

let smtp: { url: string; transporter: nodemailer.Transporter } | undefined;

function smtpTransporter(url: string): nodemailer.Transporter {
  if (smtp?.url !== url) {
    smtp?.transporter.close();
    smtp = {
      url,
      transporter: nodemailer.createTransport(url, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      }),
    };
  }
  return smtp.transporter;
}

const folderWriter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });

function linksIn(text: unknown): string[] {
  return typeof text === "string" ? (text.match(/https?:\/\/\S+/g) ?? []) : [];
}

/** Sends one message by whichever transport is configured now. Throws nodemailer's errors unchanged. */
export const deliver: Deliver = async (message) => {
  const url = process.env.SMTP_URL?.trim();
  if (url) {
    await smtpTransporter(url).sendMail(message);
    return;
  }
  const info = (await folderWriter.sendMail(message)) as { message: Buffer };
  const folder = outboxFolder();
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  // Named by the Message-ID, so a retry overwrites rather than duplicates.
  const name = message.messageId.replace(/[<>]/g, "").replace(/[^A-Za-z0-9.@-]/g, "_");
  const file = path.join(folder, `${name}.eml`);
  fs.writeFileSync(file, info.message, { mode: 0o600 });
  const links = linksIn(message.text);
  console.log(
    `[mail] to ${recipients(message.to)}: ${message.subject ?? ""} → ${file}${links.map((l) => `\n[mail]   ${l}`).join("")}`,
  );
};
