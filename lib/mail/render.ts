/**
 * A mail's plain-text and HTML parts from plain strings. Everything passed in
 * is text: in the HTML part it is escaped, so nothing a reader wrote (a name,
 * a comment, a headline) is ever read as markup.
 */
import { SITE_NAME } from "@/lib/site";

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

export type MailContent = {
  subject: string;
  /** Paragraphs of plain text, shown in order. */
  paragraphs: string[];
  /** The one thing to do, shown as a link. Only http(s) URLs are accepted. */
  action?: { label: string; url: string };
  /** A closing line in small print (why this mail came, how to stop it). */
  footer?: string;
};

export type RenderedMail = { subject: string; text: string; html: string };

function checkedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new Error(`Refusing a ${parsed.protocol} link in a mail`);
  return parsed.toString();
}

export function renderMail(content: MailContent): RenderedMail {
  // Line breaks in a subject would start new headers; nodemailer folds them, we drop them.
  const subject = content.subject.replace(/[\r\n]+/g, " ").trim();
  const url = content.action ? checkedUrl(content.action.url) : undefined;

  const text = [
    ...content.paragraphs,
    ...(content.action && url ? [`${content.action.label}:\n${url}`] : []),
    ...(content.footer ? [`--\n${content.footer}`] : []),
    `${SITE_NAME}`,
  ].join("\n\n");

  const paragraph = (p: string) => `<p style="margin:0 0 16px">${escapeHtml(p).replace(/\r?\n/g, "<br>")}</p>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f4ef;color:#1a1a1a;font:16px/1.5 Georgia,serif">
<div style="max-width:560px;margin:0 auto;background:#fff;padding:24px;border:1px solid #ddd">
<p style="margin:0 0 24px;font-weight:bold;font-size:20px">${escapeHtml(SITE_NAME)}</p>
${content.paragraphs.map(paragraph).join("\n")}
${
  content.action && url
    ? `<p style="margin:24px 0"><a href="${escapeHtml(url)}" style="color:#8a1c1c">${escapeHtml(content.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#555">${escapeHtml(url)}</p>`
    : ""
}
${content.footer ? `<p style="margin:24px 0 0;font-size:13px;color:#555">${escapeHtml(content.footer)}</p>` : ""}
</div>
</body></html>
`;
  return { subject, text, html };
}
