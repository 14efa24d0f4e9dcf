/**
 * Reads an HTML form the way a browser without JavaScript submits it: its
 * action, method, encoding, hidden fields (React's `$ACTION_…` fields included)
 * and the name of the text field to type into, then encodes a submission.
 * The pages are React-rendered, so plain patterns over the markup suffice.
 */
export type ScrapedForm = {
  action: string;
  method: string;
  enctype: string;
  hidden: [string, string][];
  textField: string;
};

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, "&");
}

function attr(tag: string, name: string): string | null {
  const match = tag.match(new RegExp(`\\s${name}="([^"]*)"`, "i"));
  return match ? decodeEntities(match[1]!) : null;
}

/**
 * Finds the form whose submit button reads `buttonText` (e.g. "Post comment")
 * and returns what a browser would send from it.
 */
export function scrapeForm(html: string, buttonText: string, textLabel: string): ScrapedForm {
  const forms = html.match(/<form\b[^>]*>[\s\S]*?<\/form>/gi) ?? [];
  const form = forms.find((f) => f.includes(`>${buttonText}<`));
  if (!form) throw new Error(`No form with a "${buttonText}" button on the page (is the reader signed in?)`);
  const openTag = form.match(/<form\b[^>]*>/i)![0];
  const hidden: [string, string][] = [];
  for (const input of form.match(/<input\b[^>]*>/gi) ?? []) {
    if ((attr(input, "type") ?? "text").toLowerCase() !== "hidden") continue;
    const name = attr(input, "name");
    if (name) hidden.push([name, attr(input, "value") ?? ""]);
  }
  // The text field: the textarea (or input) whose <label> reads textLabel, else the only textarea.
  let textField: string | null = null;
  const label = form.match(new RegExp(`<label\\b[^>]*for="([^"]+)"[^>]*>\\s*${textLabel}\\s*<`, "i"));
  if (label) {
    const byId = form.match(new RegExp(`<(?:textarea|input)\\b[^>]*\\sid="${label[1]}"[^>]*>`, "i"));
    if (byId) textField = attr(byId[0], "name");
  }
  if (!textField) {
    const textarea = form.match(/<textarea\b[^>]*>/i);
    if (textarea) textField = attr(textarea[0], "name");
  }
  if (!textField) throw new Error(`The "${buttonText}" form has no text field named for "${textLabel}"`);
  return {
    action: attr(openTag, "action") ?? "",
    method: (attr(openTag, "method") ?? "get").toUpperCase(),
    enctype: attr(openTag, "enctype") ?? "application/x-www-form-urlencoded",
    hidden,
    textField,
  };
}

/** The request body and content type a browser would send for this form with `text` typed in. */
export function encodeSubmission(
  form: ScrapedForm,
  text: string,
  boundary: string,
): { body: Buffer; contentType: string } {
  const fields: [string, string][] = [...form.hidden, [form.textField, text]];
  if (form.enctype.toLowerCase() === "multipart/form-data") {
    const parts = fields.map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, "%22")}"\r\n\r\n${value}\r\n`,
    );
    return {
      body: Buffer.from(`${parts.join("")}--${boundary}--\r\n`, "utf8"),
      contentType: `multipart/form-data; boundary=${boundary}`,
    };
  }
  return {
    body: Buffer.from(new URLSearchParams(fields).toString(), "utf8"),
    contentType: "application/x-www-form-urlencoded",
  };
}

/**
 * `<script src>` URLs of a page, in document order. `noModule` scripts (legacy
 * polyfills) are listed apart: browsers that run modules never download them.
 */
export function scriptSources(html: string): { modern: string[]; noModule: string[] } {
  const modern: string[] = [];
  const noModule: string[] = [];
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = attr(tag, "src");
    if (!src) continue;
    if (/\snomodule(=|\s|>|\/)/i.test(tag)) noModule.push(src);
    else modern.push(src);
  }
  return { modern, noModule };
}
