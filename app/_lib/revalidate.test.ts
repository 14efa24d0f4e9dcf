import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const calls = vi.hoisted(() => ({ tags: [] as string[], paths: [] as string[], after: [] as (() => Promise<void>)[] }));

vi.mock("next/cache", () => ({
  revalidateTag: (tag: string) => calls.tags.push(tag),
  revalidatePath: (path: string) => calls.paths.push(path),
  unstable_cache: (fn: unknown) => fn,
}));
vi.mock("next/server", () => ({ after: (task: () => Promise<void>) => calls.after.push(task) }));

const { revalidateArticle, SECOND_INVALIDATION_MS } = await import("./revalidate");

beforeEach(() => {
  vi.useFakeTimers();
  calls.tags.length = 0;
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
