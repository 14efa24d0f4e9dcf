/**
 * Lead-image rules: which files are images we accept, the sizes we make, and
 * the names they are stored and served under. Pure; the pipeline that decodes
 * and writes them is lib/image-store.ts.
 */

/** The largest upload accepted, in bytes (the form says 10 MB). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * The most pixels an upload may decode to. 50 MP admits every camera a
 * newsroom is likely to use (a 45 MP frame is 8256 × 5504) and refuses
 * decompression bombs: a 60 MP image is 240 MB of RGBA once decoded.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** The widths made for `srcset`: phone, tablet / half-width column, full-width desktop and retina. */
export const IMAGE_WIDTHS = [480, 960, 1600] as const;

export type ImageType = "jpeg" | "png" | "webp";

/**
 * The image type the first bytes announce, or null. The name and the browser's
 * claimed type are never trusted: SVG (script-capable XML), HTML renamed
 * `.jpg` and everything else fail here.
 */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length >= 8 && png.every((v, i) => b[i] === v)) return "png";
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  return null;
}

/** The widths to make for an image `width` pixels wide: never enlarged, at least one. */
export function variantWidths(width: number): number[] {
  const widths: number[] = IMAGE_WIDTHS.filter((w) => w < width);
  const largest = Math.min(width, IMAGE_WIDTHS[IMAGE_WIDTHS.length - 1]!);
  if (!widths.includes(largest)) widths.push(largest);
  return widths;
}

/** A stored key: the first 128 bits of the upload's SHA-256, in hex (content-addressed: the same file, the same key). */
export const IMAGE_KEY_PATTERN = /^[0-9a-f]{32}$/;

/**
 * A file name the media route will serve: `<key>-<width>.webp`, nothing else.
 * The route matches the whole name against this before it touches the disk,
 * so no dot, slash, backslash, percent sign or NUL can ever reach a path.
 */
export const MEDIA_NAME_PATTERN = /^[0-9a-f]{32}-[1-9][0-9]{0,3}\.webp$/;

export function mediaFileName(key: string, width: number): string {
  return `${key}-${width}.webp`;
}

export function mediaUrl(key: string, width: number): string {
  return `/media/${mediaFileName(key, width)}`;
}

export type LeadImage = {
  key: string;
  width: number;
  height: number;
  description: string;
  credit: string | null;
};

/** What an `<img>` needs: src (the middle size), srcset over every stored width, and the intrinsic size. */
export function imageSources(image: Pick<LeadImage, "key" | "width" | "height">): {
  src: string;
  srcSet: string;
  width: number;
  height: number;
} {
  const widths = variantWidths(image.width);
  const src = mediaUrl(image.key, widths[Math.min(1, widths.length - 1)]!);
  return {
    src,
    srcSet: widths.map((w) => `${mediaUrl(image.key, w)} ${w}w`).join(", "),
    width: image.width,
    height: image.height,
  };
}

/** An article row's image columns as a LeadImage, or null when it has none (or they are incomplete). */
export function leadImageOf(row: {
  imageKey: string | null;
  imageWidth: number | null;
  imageHeight: number | null;
  imageDescription: string | null;
  imageCredit: string | null;
}): LeadImage | null {
  if (!row.imageKey || !row.imageWidth || !row.imageHeight || !row.imageDescription) return null;
  return {
    key: row.imageKey,
    width: row.imageWidth,
    height: row.imageHeight,
    description: row.imageDescription,
    credit: row.imageCredit,
  };
}
