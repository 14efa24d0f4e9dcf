/**
 * Streamed body limits (issue 12, finding 2): a body over the 1 MB limit must
 * be refused with 413 while it streams in, whether it declares its length or
 * is sent chunked. Each POST route — the Auth.js credentials callback, the
 * sign-in and sign-up actions, the comment action, an admin action, and a page
 * with no action at all — gets a chunked body of 1 MB + 1 byte and one of
 * 300 MB (the server's heap is capped at 160 MB). Server actions are sent both
 * ways a browser sends them: a form post without JavaScript, and a fetch with
 * the Next-Action header. Every one must get 413, nothing may be written, and
 * the site must keep serving.
 */
import fs from "node:fs";
import http from "node:http";
import type { Context } from "./support/context";
import { actionIdOf } from "./support/actions";
import { fieldsFor, formWithButton, type Form } from "./support/forms";
import { request } from "./support/http";
import { Report } from "./support/report";
import { AUTH_BODY_LIMIT_BYTES } from "@/lib/body-limit";
import { commentForm, getPage, postComment } from "./support/site";
import { randomBytes } from "node:crypto";

const MB = 1024 * 1024;
const SIZES = [
  { name: "1 MB + 1", bytes: MB + 1 },
  { name: "300 MB", bytes: 300 * MB },
] as const;
const FILL = Buffer.alloc(64 * 1024, "a");

export type StreamResult = {
  status: number | null;
  headers: http.IncomingHttpHeaders;
  /** Body bytes written before the answer came (or the connection ended). */
  sentBeforeAnswer: number;
  error: string | null;
  ms: number;
};

/**
 * POSTs `prefix`, filler, then `suffix` — `total` bytes in all — chunked (no
 * Content-Length), writing only as fast as the server reads, and stops writing
 * as soon as an answer arrives.
 */
export function streamPost(
  url: string,
  {
    headers,
    prefix,
    suffix,
    total,
  }: { headers: Record<string, string>; prefix: Buffer; suffix: Buffer; total: number },
): Promise<StreamResult> {
  const target = new URL(url);
  const t0 = Date.now();
  return new Promise((resolve) => {
    let sent = 0;
    let answered = false;
    let settled = false;
    let status: number | null = null;
    let answerHeaders: http.IncomingHttpHeaders = {};
    let sentBeforeAnswer = 0;
    const finish = (error: string | null) => {
      if (settled) return;
      settled = true;
      resolve({
        status,
        headers: answerHeaders,
        sentBeforeAnswer: answered ? sentBeforeAnswer : sent,
        error,
        ms: Date.now() - t0,
      });
    };
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: "POST",
        headers: { ...headers, "transfer-encoding": "chunked" },
        agent: false,
        timeout: 120_000,
      },
      (res) => {
        answered = true;
        status = res.statusCode ?? null;
        answerHeaders = res.headers;
        sentBeforeAnswer = sent;
        res.resume();
        res.on("end", () => {
          finish(null);
          req.destroy();
        });
        res.on("error", () => finish(null));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (error) => finish(answered ? null : error.message));
    req.on("close", () => finish(answered ? null : "connection closed without an answer"));
    const write = async () => {
      const send = (chunk: Buffer) =>
        new Promise<void>((ok) => {
          sent += chunk.length;
          if (req.write(chunk)) ok();
          else req.once("drain", ok);
        });
      await send(prefix);
      let left = total - prefix.length - suffix.length;
      while (left > 0 && !answered && !req.destroyed) {
        const chunk = left >= FILL.length ? FILL : FILL.subarray(0, left);
        await send(chunk);
        left -= chunk.length;
      }
      if (!answered && !req.destroyed) {
        await send(suffix);
        req.end();
      }
    };
    write().catch(() => undefined);
  });
}

type Target = {
  name: string;
  url: string;
  headers: Record<string, string>;
  /** The body around the filler: the filler is the value of the last field. */
  prefix: Buffer;
  suffix: Buffer;
};

/** A multipart body whose last field (`big`) is left open for the filler. */
function multipartAround(fields: { name: string; value: string | Buffer }[], big: string) {
  const boundary = `----bodylimit${randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const f of fields.filter((f) => f.name !== big)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"\r\n\r\n`));
    parts.push(typeof f.value === "string" ? Buffer.from(f.value) : f.value);
    parts.push(Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${big}"\r\n\r\n`));
  return {
    prefix: Buffer.concat(parts),
    suffix: Buffer.from(`\r\n--${boundary}--\r\n`),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** The two ways a browser sends a server action: a form post (no JS) and a fetch with Next-Action. */
function actionTargets(
  name: string,
  pageUrl: string,
  form: Form,
  cookie: string | undefined,
  origin: string,
): Target[] {
  const fields = fieldsFor(form);
  const big = form.textFields[form.textFields.length - 1] ?? "filler";
  const base = { origin, accept: "text/html", ...(cookie ? { cookie } : {}) };
  const mpa = multipartAround(fields, big);
  const fetchBody = multipartAround([{ name: "1_$ACTION_ID_x", value: "" }], "1_filler");
  return [
    {
      name: `${name} (form post)`,
      url: pageUrl,
      headers: { ...base, "content-type": mpa.contentType },
      prefix: mpa.prefix,
      suffix: mpa.suffix,
    },
    {
      name: `${name} (fetch, Next-Action)`,
      url: pageUrl,
      headers: {
        ...base,
        accept: "text/x-component",
        "next-action": actionIdOf(form),
        "content-type": fetchBody.contentType,
      },
      prefix: fetchBody.prefix,
      suffix: fetchBody.suffix,
    },
  ];
}

/** Peak resident memory of a process (VmHWM), in MB, where /proc has it. */
function peakRssMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

export async function bodyLimits(ctx: Context): Promise<Report> {
  const report = new Report("Streamed body limits: chunked 1 MB + 1 and 300 MB bodies to every POST route");
  const reader = await ctx.data.createUser({ name: "Body Limit Reader" });
  const admin = await ctx.data.createUser({ name: "Body Limit Admin", role: "admin" });
  const article = ctx.data.createArticle();
  const targets: Target[] = [];

  const auth = Buffer.from("csrfToken=x&email=someone%40example.test&password=");
  targets.push({
    name: "Auth.js credentials callback",
    url: `${ctx.base}/api/auth/callback/credentials`,
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ctx.base },
    prefix: auth,
    suffix: Buffer.alloc(0),
  });
  const forms: [string, string, string, string | undefined][] = [
    ["sign-in action", "/signin", "Sign in", undefined],
    ["sign-up action", "/signup", "Create account", undefined],
    ["comment action", `/articles/${article.slug}`, "Post comment", reader.cookie],
  ];
  for (const [name, pagePath, button, cookie] of forms) {
    const page = await getPage(`${ctx.base}${pagePath}`, cookie);
    const form = formWithButton(page.forms, button);
    if (report.check(form !== undefined, `no "${button}" form on ${pagePath} (status ${page.status})`) && form) {
      targets.push(...actionTargets(name, page.url, form, cookie, ctx.base));
    }
  }
  const settings = await getPage(`${ctx.base}/admin/settings`, admin.cookie);
  const adminForm = settings.forms.find((f) => f.hasAction);
  if (report.check(adminForm !== undefined, `no action form on /admin/settings (status ${settings.status})`)) {
    targets.push(...actionTargets("admin settings action", settings.url, adminForm!, admin.cookie, ctx.base));
  }
  const page = multipartAround([{ name: "a", value: "b" }], "filler");
  targets.push({
    name: "a page with no action (/)",
    url: `${ctx.base}/`,
    headers: { "content-type": page.contentType, origin: ctx.base },
    prefix: page.prefix,
    suffix: page.suffix,
  });

  const before = ctx.data.fingerprint();
  const peakBefore = peakRssMb(ctx.server.pid);
  const lines: string[] = [];
  let refused = 0;
  let total = 0;
  for (const target of targets) {
    const results: string[] = [];
    for (const size of SIZES) {
      total++;
      const result = await streamPost(target.url, { ...target, total: size.bytes });
      if (result.status === 413) refused++;
      report.check(
        result.status === 413,
        `${target.name}, ${size.name} chunked: ${result.status ?? `no answer (${result.error})`}, expected 413`,
      );
      results.push(
        `${size.name} → ${result.status ?? "none"} after ${(result.sentBeforeAnswer / MB).toFixed(1)} MB sent, ${result.ms} ms`,
      );
      if (ctx.server.exited()) break;
    }
    lines.push(`${target.name}: ${results.join("; ")}`);
    if (!report.check(!ctx.server.exited(), `the server exited during ${target.name}`)) break;
  }
  // The Auth.js route's own, smaller limit: refused by the route while it reads.
  if (!ctx.server.exited()) {
    const own = await streamPost(targets[0]!.url, { ...targets[0]!, total: AUTH_BODY_LIMIT_BYTES + 1 });
    total++;
    if (own.status === 413) refused++;
    report.check(own.status === 413, `Auth.js callback, its own limit + 1 chunked: ${own.status ?? own.error}`);
    lines.push(
      `Auth.js credentials callback, ${AUTH_BODY_LIMIT_BYTES / 1024} KB + 1 (its own limit) → ${own.status ?? "none"}`,
    );
  }
  report.check(ctx.data.fingerprint() === before, "the database changed: an oversized request was acted on");

  // Positive controls: the same routes still take a body within their limit, chunked.
  const csrf = await request(`${ctx.base}/api/auth/csrf`);
  const csrfToken = (JSON.parse(csrf.body) as { csrfToken?: string }).csrfToken ?? "";
  const csrfCookie = csrf.setCookies.map((c) => c.split(";")[0]).join("; ");
  const signin = Buffer.from(
    new URLSearchParams({
      csrfToken,
      email: reader.email,
      password: reader.password,
      callbackUrl: ctx.base,
    }).toString(),
  );
  const signedIn = await streamPost(`${ctx.base}/api/auth/callback/credentials`, {
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ctx.base, cookie: csrfCookie },
    prefix: signin,
    suffix: Buffer.alloc(0),
    total: signin.length,
  });
  const session = [signedIn.headers["set-cookie"] ?? []].flat().some((c) => /session-token=/.test(c));
  report.check(
    signedIn.status === 302 && session,
    `a chunked sign-in within the limit to the Auth.js callback: ${signedIn.status ?? signedIn.error} to ${signedIn.headers.location}, session cookie ${session}`,
  );
  const cf = await commentForm(ctx.base, article.slug, reader.cookie);
  const posted = await postComment(cf, reader.cookie, "A comment of ordinary size, after the oversized ones.");
  const stored = ctx.data.commentsBy(reader.id).length === 1;
  report.check(posted.acknowledged && stored, `an ordinary comment was not taken (status ${posted.status})`);
  lines.push(
    `controls within the limit: chunked sign-in through the Auth.js callback → ${signedIn.status} (session cookie: ${session}); comment post → ${posted.status} (stored: ${stored})`,
  );

  let alive = 0;
  try {
    alive = (await request(`${ctx.base}/articles/${article.slug}`, { fresh: true })).status;
  } catch {
    alive = 0;
  }
  report.check(alive === 200, `GET of an article after the oversized bodies answered ${alive || "nothing"}`);
  report.figure(
    `${refused}/${total} oversized chunked bodies refused with 413; GET afterwards: ${alive || "no answer"}; server's peak RSS since it started: ${
      peakBefore ?? "?"
    } MB before these requests, ${peakRssMb(ctx.server.pid) ?? "?"} MB after`,
  );
  for (const line of lines) report.figure(line);
  return report;
}
