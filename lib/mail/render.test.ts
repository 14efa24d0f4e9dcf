import { describe, expect, it } from "vitest";
import { escapeHtml, renderMail } from "./render";

describe("escapeHtml", () => {
  it("escapes the five characters that can start markup or end an attribute", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });
});

describe("renderMail", () => {
  const hostile = `<script>alert(1)</script><img src=x onerror="alert(2)">`;
  const mail = renderMail({
    subject: `Reply from ${hostile}\r\nBcc: victim@example.com`,
    paragraphs: [`${hostile} replied:`, "line one\nline two"],
    action: { label: "Read the reply", url: "http://localhost:3000/c/1?a=1&b=2" },
    footer: "You asked for these mails.",
  });

  it("never puts reader-written text into the HTML as markup", () => {
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail.html).toContain('href="http://localhost:3000/c/1?a=1&amp;b=2"');
  });

  it("keeps a plain-text part with the link and the text as written", () => {
    expect(mail.text).toContain(`${hostile} replied:`);
    expect(mail.text).toContain("Read the reply:\nhttp://localhost:3000/c/1?a=1&b=2");
    expect(mail.text).toContain("Broadsheet");
  });

  it("keeps a subject on one line", () => {
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it("refuses links that are not http(s)", () => {
    expect(() =>
      renderMail({ subject: "x", paragraphs: [], action: { label: "x", url: "javascript:alert(1)" } }),
    ).toThrow();
  });
});
