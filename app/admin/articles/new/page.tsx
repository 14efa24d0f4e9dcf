import type { Metadata } from "next";
import Link from "next/link";
import { requireCapability } from "@/app/_lib/guards";
import { listAllSections } from "@/db/queries/sections";
import { PageHeader } from "@/components/admin/page-header";
import { StoryEditor } from "@/components/admin/story-editor";
import { editorButtons } from "@/lib/story-form";
import { saveStory } from "../story-actions";

export const metadata: Metadata = { title: "New story", robots: { index: false } };

/** A blank story for writers, editors and admins; the byline starts as the writer's name. */
export default async function NewStoryPage() {
  const viewer = await requireCapability("write-stories", { callbackUrl: "/admin/articles/new" });
  const sections = listAllSections()
    .filter((s) => !s.hidden)
    .map((s) => s.name);
  return (
    <div>
      <p className="meta">
        <Link href="/admin/articles">← Stories</Link>
      </p>
      <PageHeader title="New story">Nothing is public until an editor publishes it.</PageHeader>
      <StoryEditor
        action={saveStory}
        story={null}
        version={0}
        initial={{
          headline: "",
          standfirst: "",
          byline: viewer.name,
          slug: "",
          section: sections[0] ?? "",
          body: "",
          correction: "",
          publishAt: "",
          imageDescription: "",
          imageCredit: "",
        }}
        sections={sections}
        buttons={editorButtons(viewer, null)}
        published={false}
        commentsOpen
        hasImage={false}
        status={null}
      />
    </div>
  );
}
