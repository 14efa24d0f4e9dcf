import { beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { AUTH_BODY_LIMIT_BYTES } from "@/lib/body-limit";

// Auth.js itself, as it behaves: it reads the whole body it is given.
const seen = vi.hoisted(() => ({ bodies: [] as number[] }));
vi.mock("@/auth", () => ({
  handlers: {
    GET: async () => new Response("get"),
    POST: async (request: Request) => {
      const text = await request.text();
      seen.bodies.push(text.length);
      return new Response(`read ${text.length}`, { status: 302 });
    },
  },
}));

const { POST } = await import("./route");

/** A chunked body of `chunks` pieces of 1 KB, counting how many pieces were pulled from it. */
function streamed(chunks: number) {
  const piece = new Uint8Array(1024).fill(97);
  const state = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled === chunks) return controller.close();
        state.pulled++;
        controller.enqueue(piece);
      },
    },
    { highWaterMark: 0 },
  );
  return { body, state };
}

const callback = "http://localhost/api/auth/callback/credentials";
const post = (body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
  new NextRequest(callback, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
    duplex: "half", // Node's fetch needs this for a stream body
  });

beforeEach(() => {
  seen.bodies = [];
});

describe("POST /api/auth/*: the body limit while it streams (issue 12, finding 2)", () => {
  it("passes a sign-in form through unchanged", async () => {
    const form = "csrfToken=abc&email=reader%40example.test&password=secret";
    const res = await POST(post(form));
    expect(res.status).toBe(302);
    expect(seen.bodies).toEqual([form.length]);
  });

  it("refuses a chunked body over the limit with 413, without reading it all or calling Auth.js", async () => {
    const limitKb = AUTH_BODY_LIMIT_BYTES / 1024;
    const { body, state } = streamed(300 * 1024); // 300 MB
    const res = await POST(post(body));
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/too large/);
    expect(seen.bodies).toEqual([]);
    // Stopped at the limit (the stream may be read a piece or two ahead).
    expect(state.pulled).toBeLessThanOrEqual(limitKb + 3);
  });

  it("takes exactly the limit, and refuses one byte more", async () => {
    expect((await POST(post("a".repeat(AUTH_BODY_LIMIT_BYTES)))).status).toBe(302);
    expect((await POST(post("a".repeat(AUTH_BODY_LIMIT_BYTES + 1)))).status).toBe(413);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const { body, state } = streamed(1);
    const res = await POST(post(body, { "content-length": String(2 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(state.pulled).toBe(0);
  });
});
