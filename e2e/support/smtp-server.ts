/**
 * The real SMTP server end-to-end runs send to. Started once, from
 * playwright.config.ts in the main Playwright process, on 127.0.0.1. Each
 * accepted message is saved whole as an .eml file in E2E_MAIL_DIR, where
 * specs in any worker read it (e2e/support/mailbox.ts). A recipient whose
 * address starts with `refuse-` is refused with a permanent 550, so specs can
 * see a failed mail.
 */
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

export function startTestSmtpServer({ port, folder }: { port: number; folder: string }): SMTPServer {
  fs.mkdirSync(folder, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("refuse-")) {
        const error = Object.assign(new Error("No such mailbox here"), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(",");
        const file = path.join(
          folder,
          `${Date.now()}-${process.pid}-${n++}-${to.replace(/[^A-Za-z0-9.@-]/g, "_")}.eml`,
        );
        fs.writeFileSync(file, Buffer.concat(chunks));
        callback();
      });
    },
  });
  server.listen(port, "127.0.0.1");
  server.server.unref();
  return server;
}
