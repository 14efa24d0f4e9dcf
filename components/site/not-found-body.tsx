import Link from "next/link";
import { listVisibleSections } from "@/db/queries/sections";
import { sectionHref } from "@/lib/slug";

/** The 404 message, shared by the root not-found page and the route groups' ones. */
export async function NotFoundBody() {
  const sections = await listVisibleSections();
  return (
    <div className="page page--narrow not-found stack">
      <p className="kicker">Error 404</p>
      <h1 className="page-title">We couldn’t find that page</h1>
      <p className="lede">The story may have moved, or the address may be mistyped.</p>
      <p>
        <Link href="/">Go to the front page</Link> or browse a section:
      </p>
      <ul className="cluster not-found__sections">
        {sections.map((section) => (
          <li key={section.id}>
            <Link href={sectionHref(section.name)}>{section.name}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
