import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const calls = vi.hoisted(() => ({
  tags: [] as string[],
  /** When each tag was expired (fake time). */
  tagTimes: [] as { tag: string; at: number }[],
  paths: [] as string[],
  after: [] as (() => Promise<void>)[],
}));

vi.mock("next/cache", () => ({
  revalidateTag: (tag: string) => {
    calls.tags.push(tag);
    calls.tagTimes.push({ tag, at: Date.now() });
  },
  revalidatePath: (path: string) => calls.paths.push(path),
  unstable_cache: (fn: unknown) => fn,
}));
vi.mock("next/server", () => ({ after: (task: () => Promise<void>) => calls.after.push(task) }));

const { revalidateArticle, revalidateArticleCounts, COUNT_EXPIRY_MS, RACING_RENDER_MAX_MS, SECOND_INVALIDATION_MS } =
  await import("./revalidate");

beforeEach(() => {
  vi.useFakeTimers();
  calls.tags.length = 0;
  calls.tagTimes.length = 0;
  calls.paths.length = 0;
  calls.after.length = 0;
});
afterEach(() => vi.useRealTimers());

/** Starts every scheduled after() task, lets its timer run out, and waits for it. */
async function runAfterTasks() {
  const tasks = calls.after.splice(0).map((task) => task());
  await vi.advanceTimersByTimeAsync(SECOND_INVALIDATION_MS);
  await Promise.all(tasks);
}

describe("revalidateArticle", () => {
  it("expires the article's pages at once and again after racing renders", async () => {
    revalidateArticle("story");
    expect(calls.tags).toEqual(["article:story"]);
    expect(calls.paths).toEqual(["/articles/story"]);
    await runAfterTasks();
    expect(calls.tags).toEqual(["article:story", "article:story"]);
  });

  it("a burst of writes to one article shares one pending second expiry", async () => {
    for (let i = 0; i < 100; i++) revalidateArticle("busy");
    expect(calls.tags.filter((t) => t === "article:busy")).toHaveLength(100);
    expect(calls.after).toHaveLength(1);
    await runAfterTasks();
    expect(calls.tags.filter((t) => t === "article:busy")).toHaveLength(101);
  });

  it("a write near the end of a pending window schedules its own second expiry", async () => {
    revalidateArticle("late");
    const first = calls.after.splice(0).map((task) => task());
    await vi.advanceTimersByTimeAsync(SECOND_INVALIDATION_MS - 100);
    revalidateArticle("late"); // the pending expiry is 100 ms away: too soon to cover renders racing this write
    expect(calls.after).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all(first);
    await runAfterTasks();
    expect(calls.tags.filter((t) => t === "article:late")).toHaveLength(4);
  });

  it("other articles get their own second expiry", () => {
    revalidateArticle("one");
    revalidateArticle("two");
    expect(calls.after).toHaveLength(2);
  });
});

describe("revalidateArticleCounts (likes: issue 12, finding 6)", () => {
  /** Likes at the given offsets (ms from now); returns when each happened. */
  async function likesAt(slug: string, offsets: number[]) {
    const at: number[] = [];
    const tasks: Promise<void>[] = [];
    let clock = 0;
    for (const offset of offsets) {
      await vi.advanceTimersByTimeAsync(offset - clock);
      clock = offset;
      at.push(Date.now());
      revalidateArticleCounts(slug);
      tasks.push(...calls.after.splice(0).map((task) => task()));
    }
    await vi.advanceTimersByTimeAsync(COUNT_EXPIRY_MS + SECOND_INVALIDATION_MS);
    await Promise.all(tasks);
    return at;
  }

  it("an isolated like expires the article at once, and once more for racing renders", async () => {
    await likesAt("single", [0]);
    const expiries = calls.tagTimes.filter((t) => t.tag === "article:single").map((t) => t.at);
    expect(expiries).toHaveLength(2);
    expect(expiries[1]! - expiries[0]!).toBe(COUNT_EXPIRY_MS);
  });

  it("a burst of 100 likes on one article costs two expiries (one at once, one deferred), not 200", async () => {
    const at = await likesAt(
      "burst",
      Array.from({ length: 100 }, (_, i) => i * 2),
    );
    const expiries = calls.tagTimes.filter((t) => t.tag === "article:burst");
    expect(expiries).toHaveLength(2);
    expect(expiries[0]!.at).toBe(at[0]);
    // Late enough for renders that read before the last like, soon enough for the 2-second promise.
    expect(expiries[1]!.at - at[at.length - 1]!).toBeGreaterThanOrEqual(RACING_RENDER_MAX_MS);
    expect(expiries[1]!.at - at[0]!).toBeLessThanOrEqual(COUNT_EXPIRY_MS);
    expect(COUNT_EXPIRY_MS).toBeLessThanOrEqual(1_500);
  });

  it("every like is followed by an expiry between 1 s and COUNT_EXPIRY_MS later, however the likes are spread", async () => {
    const offsets = Array.from({ length: 300 }, (_, i) => i * 10 + (i % 2) * 3);
    const at = await likesAt("steady", offsets);
    const expiries = calls.tagTimes.filter((t) => t.tag === "article:steady").map((t) => t.at);
    for (const t of at) {
      expect(
        expiries.some((e) => e - t >= RACING_RENDER_MAX_MS && e - t <= COUNT_EXPIRY_MS),
        `like at ${t}`,
      ).toBe(true);
    }
    // Three seconds of steady likes: a bounded number of expiries (the first at once), not 600.
    const bound = Math.ceil(3_000 / (COUNT_EXPIRY_MS - RACING_RENDER_MAX_MS)) + 2;
    expect(expiries.length).toBeLessThanOrEqual(bound);
    console.log(`300 likes over 3 s on one article: ${expiries.length} expiries (bound ${bound})`);
  });

  it("a like rides on a post's pending second expiry when that is late enough", async () => {
    revalidateArticle("mixed");
    expect(calls.after).toHaveLength(1);
    revalidateArticleCounts("mixed");
    expect(calls.after).toHaveLength(1);
    expect(calls.tags).toEqual(["article:mixed"]);
    await runAfterTasks();
    expect(calls.tags).toEqual(["article:mixed", "article:mixed"]);
  });

  it("a like during a burst expires nothing at once; a post during it still does", () => {
    revalidateArticleCounts("then-post");
    revalidateArticleCounts("then-post");
    expect(calls.tags).toEqual(["article:then-post"]);
    revalidateArticle("then-post");
    expect(calls.tags).toEqual(["article:then-post", "article:then-post"]);
  });
});
