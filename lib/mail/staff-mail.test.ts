import { describe, expect, it } from "vitest";
import { parseMailList } from "./mail-lists";
import { renderMail } from "./render";
import { staffMail, type MailedComment } from "./staff-mail";

const comment = (n: number): MailedComment => ({
  author: `Reader ${n}`,
  body: `Comment <b>${n}</b>`,
  articleTitle: "Pool hours",
});
const links = { url: "http://localhost:3000/admin/moderation?queue=reported", unsubscribeUrl: "http://x/u?t=abc" };

describe("moderators' mails", () => {
  it("name one reported comment's story, and escape what readers wrote", () => {
    const mail = renderMail(staffMail("reports", { name: "Mo", comments: [comment(1)], ...links }));
    expect(mail.subject).toBe("A comment was reported on “Pool hours”");
    expect(mail.text).toContain("Reader 1 on “Pool hours”: “Comment <b>1</b>”");
    expect(mail.html).toContain("Comment &lt;b&gt;1&lt;/b&gt;");
    expect(mail.text).toContain("Review reported comments");
    expect(mail.text).toContain("Stop these mails: http://x/u?t=abc");
  });

  it("list ten overdue comments and count the rest", () => {
    const comments = Array.from({ length: 13 }, (_, i) => comment(i + 1));
    const mail = renderMail(staffMail("queue", { name: "Mo", comments, ...links }));
    expect(mail.subject).toBe("13 comments have waited more than 30 minutes for review");
    expect(mail.text).toContain("Reader 10 on");
    expect(mail.text).not.toContain("Reader 11 on");
    expect(mail.text).toContain("And 3 more comments.");
  });

  it("unsubscribe links name their list; anything else means replies", () => {
    expect(parseMailList("reports")).toBe("reports");
    expect(parseMailList("queue")).toBe("queue");
    expect(parseMailList("admin")).toBe("replies");
    expect(parseMailList(null)).toBe("replies");
  });
});
