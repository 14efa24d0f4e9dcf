/**
 * Server-action forms as a browser without JavaScript sees them: parse the
 * server-rendered HTML, keep every field (React's hidden `$ACTION_…` fields
 * included) and submit them as multipart/form-data to the page's own URL.
 * React's server output is regular (double-quoted attributes, no nesting of
 * forms), which is what makes a small parser enough.
 */
import { randomBytes } from "node:crypto";
import { request, type Response } from "./http";

export type Field = { name: string; value: string | Buffer; filename?: string; type?: string };
/** A file as a person would pick it in a file input. */
export type FileField = { filename: string; type: string; data: Buffer };

export type Form = {
  /** Action fields plus named controls with their default values. */
  fields: Field[];
  /** Submit buttons: visible text, and name/value when the button has them. */
  buttons: { text: string; name?: string; value?: string }[];
  /** Names of textareas and text-like inputs, in order. */
  textFields: string[];
  /** Radio groups and selects: every value a person could pick, by field name. */
  choices: Record<string, string[]>;
  /** Visible text of the whole form (labels, legends, buttons). */
  text: string;
  hasAction: boolean;
  html: string;
};

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([^\s"'<>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  const inner = tag.replace(/^<\s*[a-z0-9-]+/i, "").replace(/\/?>$/, "");
  for (const m of inner.matchAll(re)) {
    out[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return out;
}

export function textOf(html: string): string {
  return decodeEntities(html.replace(/<!--[\s\S]*?-->/g, "").replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

export function parseForms(html: string): Form[] {
  const forms: Form[] = [];
  for (const m of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)) {
    const inner = m[1]!;
    const fields: Field[] = [];
    const textFields: string[] = [];
    const choices: Record<string, string[]> = {};
    const buttons: Form["buttons"] = [];
    const re =
      /<input\b[^>]*>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b[^>]*>([\s\S]*?)<\/select>|<button\b[^>]*>([\s\S]*?)<\/button>/gi;
    for (const c of inner.matchAll(re)) {
      const tag = c[0];
      if (/^<input/i.test(tag)) {
        const a = attrs(tag);
        const type = (a.type ?? "text").toLowerCase();
        if (!("name" in a)) continue;
        if (type === "submit" || type === "image") {
          buttons.push({ text: a.value ?? "", name: a.name, value: a.value ?? "" });
          continue;
        }
        if (type === "radio" && !("disabled" in a)) (choices[a.name] ??= []).push(a.value ?? "on");
        if ((type === "checkbox" || type === "radio") && !("checked" in a)) continue;
        if ("disabled" in a) continue;
        fields.push({ name: a.name, value: a.value ?? (type === "checkbox" || type === "radio" ? "on" : "") });
        if (!["hidden", "checkbox", "radio"].includes(type)) textFields.push(a.name);
      } else if (/^<textarea/i.test(tag)) {
        const a = attrs(`<textarea${c[1]}>`);
        if (!a.name) continue;
        // React puts the default value as the element's text, with a leading newline kept.
        fields.push({ name: a.name, value: decodeEntities(c[2]!.replace(/^\n/, "")) });
        textFields.push(a.name);
      } else if (/^<select/i.test(tag)) {
        const a = attrs(tag.slice(0, tag.indexOf(">") + 1));
        if (!a.name) continue;
        const options = [...c[3]!.matchAll(/<option\b[^>]*>/gi)].map((o) => attrs(o[0]));
        choices[a.name] = options.map((o) => o.value ?? "");
        const chosen = options.find((o) => "selected" in o) ?? options[0];
        if (chosen) fields.push({ name: a.name, value: chosen.value ?? "" });
      } else {
        const a = attrs(tag.slice(0, tag.indexOf(">") + 1));
        const type = (a.type ?? "submit").toLowerCase();
        if (type !== "submit") continue;
        buttons.push({ text: textOf(c[4]!), ...(a.name ? { name: a.name, value: a.value ?? "" } : {}) });
      }
    }
    // Controls outside the form that belong to it (`form="id"`), like the moderation queue's
    // per-item checkboxes for the bulk form: a person would tick them.
    const id = attrs(m[0].slice(0, m[0].indexOf(">") + 1)).id;
    if (id) {
      for (const c of html.matchAll(/<input\b[^>]*>/gi)) {
        const a = attrs(c[0]);
        if (a.form === id && a.name && (a.type === "checkbox" || a.type === "radio" || a.type === "hidden")) {
          fields.push({ name: a.name, value: a.value ?? "on" });
        }
      }
    }
    forms.push({
      fields,
      buttons,
      textFields,
      choices,
      text: textOf(inner),
      hasAction:
        fields.some((f) => f.name.startsWith("$ACTION_")) || buttons.some((b) => b.name?.startsWith("$ACTION_")),
      html: m[0],
    });
  }
  return forms;
}

/** The first form with a submit button whose text is exactly `label` (case-sensitive, trimmed). */
export function formWithButton(forms: Form[], label: string): Form | undefined {
  return forms.find((f) => f.buttons.some((b) => b.text === label));
}

export function multipart(fields: Field[]): { body: Buffer; contentType: string } {
  const boundary = `----reliability${randomBytes(12).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const f of fields) {
    const file =
      f.filename === undefined
        ? ""
        : `; filename="${f.filename}"\r\nContent-Type: ${f.type ?? "application/octet-stream"}`;
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"${file}\r\n\r\n`, "utf8"));
    parts.push(typeof f.value === "string" ? Buffer.from(f.value, "utf8") : f.value);
    parts.push(Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export type SubmitOptions = {
  cookie?: string;
  /** The Origin header; a browser sends the page's own origin. `false` omits it. */
  origin?: string | false;
  /** Replace (or add) field values by name. */
  set?: Record<string, string | Buffer>;
  /** Files for file inputs, by field name. */
  files?: Record<string, FileField>;
  /** Which submit button was pressed (its name/value is sent when it has one). */
  button?: string;
  extraHeaders?: Record<string, string>;
  /** Connect from this loopback address (see RequestOptions.localAddress). */
  localAddress?: string;
};

/** Fields as the browser would send them when `button` is pressed. */
export function fieldsFor(form: Form, options: Pick<SubmitOptions, "set" | "button" | "files"> = {}): Field[] {
  const fields: Field[] = form.fields.map((f) => ({ ...f }));
  for (const [name, value] of Object.entries(options.set ?? {})) {
    const existing = fields.find((f) => f.name === name);
    if (existing) existing.value = value;
    else fields.push({ name, value });
  }
  for (const [name, file] of Object.entries(options.files ?? {})) {
    const rest = fields.filter((f) => f.name !== name);
    fields.length = 0;
    fields.push(...rest, { name, value: file.data, filename: file.filename, type: file.type });
  }
  const button = options.button ? form.buttons.find((b) => b.text === options.button) : undefined;
  if (button?.name) fields.push({ name: button.name, value: button.value ?? "" });
  return fields;
}

/** POSTs the form to `pageUrl` (forms with a server action post to their own page). */
export function submitForm(pageUrl: string, form: Form, options: SubmitOptions = {}): Promise<Response> {
  const { body, contentType } = multipart(fieldsFor(form, options));
  const origin = options.origin === undefined ? new URL(pageUrl).origin : options.origin;
  return request(pageUrl, {
    method: "POST",
    body,
    headers: {
      "content-type": contentType,
      accept: "text/html",
      ...(origin === false ? {} : { origin }),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.extraHeaders,
    },
    localAddress: options.localAddress,
  });
}
