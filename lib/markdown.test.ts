import { describe, expect, it } from "vitest";
import { plainExcerpt, renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("keeps quotes, apostrophes and dashes exactly as written", () => {
    const source = `He said "don't" -- and 'maybe' --- then “curly” quotes and the Trump administration’s plan...`;
    expect(renderMarkdown(source)).toBe(
      `<p>He said &quot;don't&quot; -- and 'maybe' --- then “curly” quotes and the Trump administration’s plan...</p>\n`,
    );
  });

  it("renders paragraphs, emphasis, headings and lists", () => {
    const html = renderMarkdown("## Heading\n\nFirst *para*.\n\n- one\n- two");
    expect(html).toContain("<h2>Heading</h2>");
    expect(html).toContain("<p>First <em>para</em>.</p>");
    expect(html).toContain("<li>one</li>");
  });

  it("escapes raw HTML instead of passing it through", () => {
    const html = renderMarkdown('Hello <script>alert(1)</script> <img src=x onerror="alert(1)">');
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });

  it("does not turn bare addresses into links", () => {
    expect(renderMarkdown("See www.example.com or https://example.com")).not.toContain("<a");
  });

  it("refuses javascript: links and marks external links noopener", () => {
    expect(renderMarkdown("[x](javascript:alert(1))")).not.toContain("href");
    expect(renderMarkdown("[x](https://example.com)")).toContain(
      '<a href="https://example.com" rel="noopener noreferrer">x</a>',
    );
  });
});

describe("plainExcerpt", () => {
  it("returns the first paragraph as plain text", () => {
    expect(plainExcerpt("First *one* [link](https://x.y).\n\nSecond.")).toBe("First one link.");
  });

  it("shortens long text on a word boundary with an ellipsis", () => {
    const excerpt = plainExcerpt("word ".repeat(100), 30);
    expect(excerpt.length).toBeLessThanOrEqual(30);
    expect(excerpt.endsWith("…")).toBe(true);
    expect(excerpt).not.toMatch(/\s…$/);
  });
});
