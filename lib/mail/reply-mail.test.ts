import { describe, expect, it } from "vitest";
import { renderMail } from "./render";
import { replyMail, wantsReplyMail } from "./reply-mail";

describe("reply mails", () => {
  it("are on by default once the address is confirmed, and the reader's choice wins", () => {
    expect(wantsReplyMail({ replyEmails: null, confirmed: true })).toBe(true);
    expect(wantsReplyMail({ replyEmails: null, confirmed: false })).toBe(false);
    expect(wantsReplyMail({ replyEmails: false, confirmed: true })).toBe(false);
    expect(wantsReplyMail({ replyEmails: true, confirmed: false })).toBe(true);
  });

  it("gather several replies into one mail, with the reader's text escaped in HTML", () => {
    const mail = renderMail(
      replyMail({
        name: "Ines",
        articleTitle: "Pool hours",
        replies: [
          { author: "Tom", body: "Yes <script>alert(1)</script>" },
          { author: "Ada", body: "From nine" },
        ],
        url: "http://localhost:3000/articles/pool?c=2#comment-2",
        unsubscribeUrl: "http://localhost:3000/api/unsubscribe?t=abc",
      }),
    );
    expect(mail.subject).toBe("2 replies to you on “Pool hours”");
    expect(mail.text).toContain("Tom: “Yes <script>alert(1)</script>”");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;");
    expect(mail.text).toContain("http://localhost:3000/api/unsubscribe?t=abc");
  });

  it("quote the latest replies and count them all", () => {
    const mail = renderMail(
      replyMail({
        name: "Ines",
        articleTitle: "Pool hours",
        replies: [{ author: "Ada", body: "From nine" }],
        total: 14,
        url: "http://localhost:3000/articles/pool?c=2#comment-2",
        unsubscribeUrl: "http://localhost:3000/api/unsubscribe?t=abc",
      }),
    );
    expect(mail.subject).toBe("14 replies to you on “Pool hours”");
    expect(mail.text).toContain("14 replies to your comments on “Pool hours” at Broadsheet; the latest 1:");
  });
});
