/**
 * Spoofed client addresses (issue 12, finding 3): with no proxy trusted (the
 * default), a client that writes a new X-Forwarded-For (and a forged copy of
 * the server's own socket-address header) on every attempt is still one
 * address, and meets the per-address sign-in limit. Controls: another real
 * address is not refused, and a server started with TRUSTED_PROXY_HOPS=1 takes
 * the address its proxy appended (the last entry), whatever the client put
 * before it.
 *
 * Separate client addresses here are real ones: each attempt connects from its
 * own loopback source address (127.0.0.0/8), which the server sees on the socket.
 */
import { randomInt } from "node:crypto";
import type { Context } from "./support/context";
import { formWithButton, submitForm, type Form } from "./support/forms";
import { Report, range } from "./support/report";
import { formAlert, getPage } from "./support/site";
import { startServer } from "./support/server";
import { MAX_FAILURES } from "@/lib/throttle";

const ATTEMPTS = 3 * MAX_FAILURES;
const WRONG = "Email or password is incorrect.";

function randomIpv4(): string {
  return `${randomInt(1, 224)}.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

type Tally = { verdicts: number; refused: number; other: string[] };

function tally(alerts: string[]): Tally {
  return {
    verdicts: alerts.filter((a) => a === WRONG).length,
    refused: alerts.filter((a) => a.startsWith("Too many attempts")).length,
    other: alerts.filter((a) => a !== WRONG && !a.startsWith("Too many attempts")),
  };
}

/** One wrong password for `email`, answered; returns the form's alert (or the status). */
async function wrongPassword(
  base: string,
  form: Form,
  email: string,
  localAddress: string,
  headers: Record<string, string>,
): Promise<string> {
  const res = await submitForm(`${base}/signin`, form, {
    set: { email, password: "not the password" },
    extraHeaders: headers,
    localAddress,
  });
  return formAlert(res.body, "Sign in") ?? `status ${res.status}`;
}

export async function spoofedAddress(ctx: Context): Promise<Report> {
  const report = new Report("Spoofed X-Forwarded-For: one client stays one address");
  // One account per attempt, so the per-email limit never decides; cheap hashes, so this is about counting.
  const targets = await Promise.all(range(ATTEMPTS).map((i) => ctx.data.createUser({ name: `Spoof target ${i}` })));
  const page = await getPage(`${ctx.base}/signin`);
  const form = formWithButton(page.forms, "Sign in");
  if (!report.check(form !== undefined, `no "Sign in" form on /signin (status ${page.status})`)) return report;

  // 1. No proxy trusted: 30 attempts from one socket address, each claiming another client.
  const attacker = "127.0.12.1";
  const alerts: string[] = [];
  for (const target of targets) {
    alerts.push(
      await wrongPassword(ctx.base, form!, target.email, attacker, {
        "x-forwarded-for": `${randomIpv4()}, ${randomIpv4()}`,
        "x-real-ip": randomIpv4(),
        "x-broadsheet-socket-address": randomIpv4(),
      }),
    );
  }
  const spoofed = tally(alerts);
  report.figure(
    `no trusted proxy: ${ATTEMPTS} wrong passwords from one address, each with a random X-Forwarded-For: ${spoofed.verdicts} real verdicts (limit ${MAX_FAILURES}), ${spoofed.refused} refused as too many attempts`,
  );
  report.check(
    spoofed.verdicts <= MAX_FAILURES,
    `${spoofed.verdicts} attempts with random X-Forwarded-For values were checked (the per-address limit is ${MAX_FAILURES})`,
  );
  report.check(spoofed.refused >= ATTEMPTS - MAX_FAILURES, `only ${spoofed.refused} attempts were refused`);
  report.check(
    spoofed.other.length === 0,
    `unexpected answers: ${[...new Set(spoofed.other)].slice(0, 3).join(" | ")}`,
  );

  // Control: another real address still gets a verdict (the limit is per address, not for everyone).
  const control = await wrongPassword(ctx.base, form!, targets[0]!.email, "127.0.12.2", {});
  report.check(control === WRONG, `a second address was answered "${control}", not a verdict`);

  // 2. TRUSTED_PROXY_HOPS=1: the proxy's entry (the last) is the address; what the client wrote before it is not.
  const proxied = await startServer({
    port: ctx.ports.proxied,
    databasePath: ctx.data.file,
    authSecret: ctx.secret,
    distDir: ctx.distDir,
    env: { TRUSTED_PROXY_HOPS: "1" },
  });
  try {
    const proxy = "127.0.12.3";
    const client = "203.0.113.50";
    const behindProxy: string[] = [];
    for (const target of targets.slice(0, MAX_FAILURES + 5)) {
      behindProxy.push(
        await wrongPassword(proxied.url, form!, target.email, proxy, {
          "x-forwarded-for": `${randomIpv4()}, ${client}`,
        }),
      );
    }
    const hops = tally(behindProxy);
    const neighbour = await wrongPassword(proxied.url, form!, targets[1]!.email, proxy, {
      "x-forwarded-for": `${client}, 203.0.113.51`,
    });
    report.figure(
      `TRUSTED_PROXY_HOPS=1: ${behindProxy.length} wrong passwords from client ${client} behind one proxy, random entries before it: ${hops.verdicts} verdicts, ${hops.refused} refused; another client behind the same proxy: "${neighbour}"`,
    );
    report.check(
      hops.verdicts === MAX_FAILURES,
      `behind a trusted proxy, ${hops.verdicts} verdicts for one client (expected ${MAX_FAILURES})`,
    );
    report.check(
      neighbour === WRONG,
      `another client behind the same trusted proxy was answered "${neighbour}", not a verdict`,
    );
    report.check(hops.other.length === 0, `unexpected answers: ${[...new Set(hops.other)].slice(0, 3).join(" | ")}`);
  } finally {
    await proxied.stop();
  }
  const clear = ctx.data.raw.prepare("DELETE FROM signin_attempts WHERE email = ?");
  for (const target of targets) clear.run(target.email);
  return report;
}
