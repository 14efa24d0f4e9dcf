/** URL slug of any label: lower case ASCII words joined by hyphens. */
export function slugify(label: string): string {
  return label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function sectionSlug(section: string): string {
  return slugify(section);
}

export function sectionHref(section: string): string {
  return `/sections/${sectionSlug(section)}`;
}

/** Parses a `?page=` value: a positive integer, anything else is page 1. */
export function parsePageNumber(value: string | string[] | null | undefined): number {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !/^[1-9][0-9]{0,5}$/.test(raw)) return 1;
  return Number(raw);
}
