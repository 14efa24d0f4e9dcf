import { afterEach, describe, expect, it } from "vitest";
import { waitedTooLong } from "./auth-capacity";
import { PRELOAD_MARK } from "./client-address";

const store = globalThis as Record<symbol, unknown>;
const queued = (ms: string) => new Headers({ "x-broadsheet-queued-ms": ms });

afterEach(() => {
  delete store[PRELOAD_MARK];
});

describe("waitedTooLong", () => {
  it("believes the front door's stamp only when the front door runs in this process", () => {
    expect(waitedTooLong(queued("60000"))).toBe(false);
    store[PRELOAD_MARK] = true;
    expect(waitedTooLong(queued("60000"))).toBe(true);
  });

  it("allows a wait of up to 3 s", () => {
    store[PRELOAD_MARK] = true;
    expect(waitedTooLong(queued("0"))).toBe(false);
    expect(waitedTooLong(queued("3000"))).toBe(false);
    expect(waitedTooLong(queued("3001"))).toBe(true);
  });

  it("treats a post that did not come through the queue (another page) as one that waited too long", () => {
    store[PRELOAD_MARK] = true;
    expect(waitedTooLong(new Headers())).toBe(true);
    expect(waitedTooLong(queued("soon"))).toBe(true);
  });
});
