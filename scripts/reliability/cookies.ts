/**
 * 8. Cookies: signing in through the real form sets a session cookie that is
 * HttpOnly and SameSite=Lax, replacing whatever session cookie was there;
 * signing out clears it. Over https (a TLS proxy saying X-Forwarded-Proto:
 * https) the cookie is `__Secure-authjs.session-token` and Secure.
 */
import type { Context } from "./support/context";
import { SESSION_COOKIE } from "./support/data";
import { formWithButton } from "./support/forms";
import { Report } from "./support/report";
import { getPage } from "./support/site";
import { submitForm } from "./support/forms";
import { request } from "./support/http";

function sessionSetCookie(setCookies: string[], name: string): string | undefined {
  return setCookies.find((c) => c.startsWith(`${name}=`) && !/^[^=]+=;/.test(c));
}

export async function cookies(ctx: Context): Promise<Report> {
  const report = new Report("8. Cookies: the session cookie");
  const user = await ctx.data.createUser({ name: "Cookie Reader" });
  const browser = await ctx.browser();
  const context = await browser.newContext({ baseURL: ctx.base });
  // A stale session cookie from before (a token for an account that no longer exists).
  const stale = (await ctx.data.sessionCookie("00000000-0000-4000-8000-000000000000")).split("=")[1]!;
  await context.addCookies([
    { name: SESSION_COOKIE, value: stale, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" },
  ]);
  const page = await context.newPage();
  const setCookieHeaders: string[] = [];
  page.on("response", async (res) => {
    const value = await res.headerValue("set-cookie");
    if (value) setCookieHeaders.push(...value.split("\n"));
  });

  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  const afterSignIn = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  const header = sessionSetCookie(setCookieHeaders, SESSION_COOKIE) ?? "";

  report.check(afterSignIn !== undefined, "no session cookie after signing in");
  report.check(afterSignIn?.value !== stale, "the session cookie was not replaced at sign-in");
  report.check(afterSignIn?.httpOnly === true, "session cookie is not HttpOnly");
  report.check(afterSignIn?.sameSite === "Lax", `session cookie SameSite is ${afterSignIn?.sameSite}`);
  report.check(afterSignIn?.path === "/", `session cookie path is ${afterSignIn?.path}`);
  report.check(
    /;\s*HttpOnly/i.test(header) && /;\s*SameSite=Lax/i.test(header),
    `Set-Cookie lacks HttpOnly/SameSite=Lax: ${header.replace(/=[^;]+/, "=…")}`,
  );
  report.check(!/;\s*Secure/i.test(header), "Secure set over plain http (the browser would drop it)");
  const inScript = await page.evaluate(() => document.cookie);
  report.check(!inScript.includes(SESSION_COOKIE), "session cookie readable from JavaScript");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("link", { name: "Sign in" }).first().waitFor();
  const afterSignOut = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  report.check(afterSignOut === undefined, "session cookie still present after signing out");
  await context.close();

  // Behind an https proxy: the same form, with the headers the proxy adds.
  const https = { "x-forwarded-proto": "https" };
  const signin = await request(`${ctx.base}/signin`, { headers: https });
  const form = formWithButton((await getPage(`${ctx.base}/signin`)).forms, "Sign in");
  let secureHeader = "";
  if (report.check(form !== undefined && signin.status === 200, "no sign-in form") && form) {
    const [emailField, passwordField] = [
      form.textFields.find((n) => /email/i.test(n)) ?? "email",
      form.textFields.find((n) => /password/i.test(n)) ?? "password",
    ];
    const res = await submitForm(`${ctx.base}/signin`, form, {
      set: { [emailField]: user.email, [passwordField]: user.password },
      origin: `https://127.0.0.1:${ctx.server.port}`,
      extraHeaders: https,
    });
    secureHeader = sessionSetCookie(res.setCookies, `__Secure-${SESSION_COOKIE}`) ?? "";
    report.check(
      secureHeader !== "",
      `over https no __Secure-${SESSION_COOKIE} cookie was set (status ${res.status}; cookies: ${res.setCookies.map((c) => c.split("=")[0]).join(", ")})`,
    );
    report.check(
      /;\s*Secure/i.test(secureHeader) && /;\s*HttpOnly/i.test(secureHeader) && /;\s*SameSite=Lax/i.test(secureHeader),
      `over https the cookie lacks Secure/HttpOnly/SameSite=Lax: ${secureHeader.replace(/=[^;]+/, "=…")}`,
    );
    const hsts = res.headers["strict-transport-security"];
    report.figure(`over https: ${secureHeader.replace(/=[^;]+/, "=…") || "(none)"}; HSTS: ${hsts ?? "(none)"}`);
    report.check(typeof hsts === "string" && hsts.includes("max-age="), "no Strict-Transport-Security over https");
  }
  const plain = await request(`${ctx.base}/`);
  report.check(plain.headers["strict-transport-security"] === undefined, "HSTS sent over plain http");

  report.figure(`over http: ${header.replace(/=[^;]+/, "=…")}`);
  report.figure(
    `replaced at sign-in: ${afterSignIn?.value !== stale}; readable by script: ${inScript.includes(SESSION_COOKIE)}; cleared at sign-out: ${afterSignOut === undefined}`,
  );
  return report;
}
