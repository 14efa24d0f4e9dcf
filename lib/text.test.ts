import { describe, expect, it } from "vitest";
import { commentsHeading, excerpt, likeLabel, plural } from "./text";

describe("wording helpers", () => {
  it("heads the comments section with the contract's wording", () => {
    expect(commentsHeading(0)).toBe("0 Comments");
    expect(commentsHeading(1)).toBe("1 Comment");
    expect(commentsHeading(250)).toBe("250 Comments");
  });
  it("counts likes and other things", () => {
    expect(likeLabel(1)).toBe("1 like");
    expect(likeLabel(2)).toBe("2 likes");
    expect(plural(3, "reply", "replies")).toBe("3 replies");
  });
  it("cuts long text to one line with an ellipsis", () => {
    expect(excerpt("a  b\nc")).toBe("a b c");
    expect(excerpt("abcdefghij", 5)).toBe("abcd…");
  });
});
