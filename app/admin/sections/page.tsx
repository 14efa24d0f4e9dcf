import type { Metadata } from "next";
import Link from "next/link";
import { requireCapability } from "@/app/_lib/guards";
import { countStoriesBySection, listAllSections } from "@/db/queries/sections";
import { PageHeader } from "@/components/admin/page-header";
import { AddSectionForm, RenameSectionForm } from "@/components/admin/section-forms";
import { canDeleteSection } from "@/lib/sections";
import { sectionHref } from "@/lib/slug";
import { plural } from "@/lib/text";
import styles from "@/components/admin/admin.module.css";
import { addSection, deleteSection, moveSection, renameSection, setSectionHidden } from "./actions";

export const metadata: Metadata = { title: "Sections", robots: { index: false } };

const DONE: Record<string, { text: string; alert?: boolean }> = {
  moved: { text: "Order saved." },
  hidden: { text: "Section hidden: it has left the site's navigation." },
  shown: { text: "Section shown in the site's navigation." },
  deleted: { text: "Section deleted." },
  "has-stories": { text: "A section with stories cannot be deleted. Hide it instead.", alert: true },
  gone: { text: "That section no longer exists.", alert: true },
};

export default async function SectionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireCapability("manage-sections", { callbackUrl: "/admin/sections" });
  const sections = listAllSections();
  const counts = countStoriesBySection();
  const doneKey = (await searchParams).done;
  const done = typeof doneKey === "string" ? DONE[doneKey] : undefined;

  return (
    <div>
      <PageHeader title="Sections">
        The site’s navigation, in this order. A hidden section leaves the navigation; its stories stay published.
      </PageHeader>
      {done ? (
        <p role={done.alert ? "alert" : "status"} className={done.alert ? "alert" : "notice"}>
          {done.text}
        </p>
      ) : null}
      <div className={styles.grid2}>
        <section className={styles.panel} aria-labelledby="sections-list-title">
          <h2 id="sections-list-title">Sections</h2>
          <ol className="section-admin">
            {sections.map((section, index) => {
              const stories = counts.get(section.name) ?? 0;
              return (
                <li key={section.id} className="section-admin__item" aria-label={section.name}>
                  <div className="section-admin__head">
                    <RenameSectionForm action={renameSection} id={section.id} name={section.name} />
                    <p className="meta">
                      <Link href={sectionHref(section.name)}>{sectionHref(section.name)}</Link> ·{" "}
                      {plural(stories, "story", "stories")}
                      {section.hidden ? (
                        <>
                          {" · "}
                          <strong>Hidden</strong>
                        </>
                      ) : null}
                    </p>
                  </div>
                  <div className="section-admin__actions">
                    <form action={moveSection}>
                      <input type="hidden" name="id" value={section.id} />
                      <input type="hidden" name="direction" value="up" />
                      <button type="submit" className="button button--small button--quiet" disabled={index === 0}>
                        Move up
                      </button>
                    </form>
                    <form action={moveSection}>
                      <input type="hidden" name="id" value={section.id} />
                      <input type="hidden" name="direction" value="down" />
                      <button
                        type="submit"
                        className="button button--small button--quiet"
                        disabled={index === sections.length - 1}
                      >
                        Move down
                      </button>
                    </form>
                    <form action={setSectionHidden}>
                      <input type="hidden" name="id" value={section.id} />
                      <input type="hidden" name="hidden" value={section.hidden ? "false" : "true"} />
                      <button type="submit" className="button button--small button--quiet">
                        {section.hidden ? "Show" : "Hide"}
                      </button>
                    </form>
                    {canDeleteSection(stories) ? (
                      <form action={deleteSection}>
                        <input type="hidden" name="id" value={section.id} />
                        <button type="submit" className="button button--small button--danger">
                          Delete
                        </button>
                      </form>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ol>
        </section>
        <section className={styles.panel} aria-labelledby="add-section-title">
          <h2 id="add-section-title">Add a section</h2>
          <AddSectionForm action={addSection} />
          <p className="field__hint">
            The name becomes the section’s address (“Arts &amp; Books” → /sections/arts-and-books). Renaming a section
            moves its stories with it and changes its address.
          </p>
        </section>
      </div>
    </div>
  );
}
