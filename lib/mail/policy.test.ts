import { describe, expect, it } from "vitest";
import { afterFailure, classifySendError, describeSendError, MAIL_GIVE_UP_AFTER_MS, retryDelayMs } from "./policy";

describe("retryDelayMs", () => {
  it("starts at 30 seconds and doubles", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
  });
  it("never waits more than an hour (plus jitter)", () => {
    expect(retryDelayMs(50)).toBe(3_600_000);
    expect(retryDelayMs(50, 1)).toBe(4_320_000);
  });
});

describe("classifySendError", () => {
  it("gives up on a 5xx refusal", () => {
    expect(classifySendError({ responseCode: 550, code: "EENVELOPE" })).toBe("permanent");
    expect(classifySendError({ responseCode: 554 })).toBe("permanent");
  });
  it("retries a 4xx reply", () => {
    expect(classifySendError({ responseCode: 421 })).toBe("retry");
    expect(classifySendError({ responseCode: 451, code: "EENVELOPE" })).toBe("retry");
  });
  it("retries connection, timeout and unknown errors", () => {
    expect(classifySendError({ code: "ECONNECTION" })).toBe("retry");
    expect(classifySendError({ code: "ETIMEDOUT" })).toBe("retry");
    expect(classifySendError(new Error("socket hang up"))).toBe("retry");
    expect(classifySendError(undefined)).toBe("retry");
  });
  it("retries an authentication failure: it is the configuration, not the message", () => {
    expect(classifySendError({ responseCode: 535, code: "EAUTH" })).toBe("retry");
  });
});

describe("afterFailure", () => {
  const queuedAt = new Date("2026-12-01T00:00:00Z");
  it("schedules the next try", () => {
    const now = new Date(queuedAt.getTime() + 1000);
    expect(afterFailure({ error: { responseCode: 421 }, failures: 1, queuedAt, now })).toEqual({
      status: "queued",
      nextAttemptAt: new Date(now.getTime() + 30_000),
    });
  });
  it("marks a permanent refusal failed at once", () => {
    expect(afterFailure({ error: { responseCode: 550 }, failures: 1, queuedAt, now: queuedAt })).toEqual({
      status: "failed",
    });
  });
  it("gives up when the next try would fall more than a day after queueing", () => {
    const now = new Date(queuedAt.getTime() + MAIL_GIVE_UP_AFTER_MS - 10_000);
    expect(afterFailure({ error: { code: "ECONNECTION" }, failures: 30, queuedAt, now })).toEqual({ status: "failed" });
  });
});

describe("describeSendError", () => {
  it("prefers the SMTP reply and drops credentials from URLs", () => {
    expect(describeSendError({ code: "EENVELOPE", response: "550 No such user" })).toBe("EENVELOPE: 550 No such user");
    expect(describeSendError(new Error("connect to smtp://bob:secret@mail.example failed"))).toBe(
      "connect to smtp://mail.example failed",
    );
  });
});
