import Link from "next/link";
import { SECTIONS, sectionHref } from "@/lib/slug";

/** The 404 message, shared by the root not-found page and the route groups' ones. */
export function NotFoundBody() {
  return (
    <div className="page page--narrow not-found stack">
      <p className="kicker">Error 404</p>
      <h1 className="page-title">We couldn’t find that page</h1>
      <p className="lede">The story may have moved, or the address may be mistyped.</p>
      <p>
        <Link href="/">Go to the front page</Link> or browse a section:
      </p>
      <ul className="cluster not-found__sections">
        {SECTIONS.map((section) => (
          <li key={section}>
            <Link href={sectionHref(section)}>{section}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
