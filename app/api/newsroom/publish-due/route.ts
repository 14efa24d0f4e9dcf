import { writeTransaction } from "@/db";
import { publishDueStories } from "@/db/queries/stories";
import { revalidateStory } from "@/app/_lib/revalidate";
import { isSchedulerRequest, SCHEDULER_HEADER } from "@/lib/story-scheduler";

export const dynamic = "force-dynamic";

/**
 * The scheduler's tick (lib/story-scheduler.ts): publishes the stories whose
 * time has come and expires the pages they show on. Only this process's own
 * timer knows the secret; anyone else gets a 404.
 */
export async function POST(request: Request) {
  if (!isSchedulerRequest(request.headers.get(SCHEDULER_HEADER))) return new Response("Not found\n", { status: 404 });
  const published = writeTransaction((db) => publishDueStories(db, new Date()));
  for (const story of published) revalidateStory(story);
  return Response.json({ published: published.length });
}
