/**
 * The lead-image pipeline: check an upload by its content, make the resized
 * copies and store them under UPLOADS_PATH. Nothing is written until the whole
 * image has decoded and every copy is made, so a refused file leaves no trace.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import sharp, { type Metadata } from "sharp";
import { z } from "zod";
import { formText } from "./form-state";
import {
  IMAGE_KEY_PATTERN,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
  mediaFileName,
  sniffImageType,
  variantWidths,
  type LeadImage,
} from "./images";

// Each upload is decoded once; sharp's operation cache would only hold on to memory.
sharp.cache(false);

/** Where uploads live: UPLOADS_PATH, else `uploads/` beside the database (data/uploads by default). */
export function uploadsPath(): string {
  if (process.env.UPLOADS_PATH) return path.resolve(process.env.UPLOADS_PATH);
  return path.join(path.dirname(path.resolve(process.env.DATABASE_PATH ?? "data/news.db")), "uploads");
}

export const IMAGE_ERRORS = {
  missing: "Choose an image to upload.",
  tooBig: "The image is larger than 10 MB. Export a smaller JPEG, PNG or WebP.",
  notImage: "That file is not a JPEG, PNG or WebP image (SVG and other formats are not accepted).",
  damaged: "That image could not be read: the file is damaged or incomplete.",
  tooManyPixels: `The image is too large in pixels (over ${MAX_IMAGE_PIXELS / 1_000_000} megapixels). Resize it and try again.`,
} as const;

export type ProcessedImage = { key: string; width: number; height: number; files: { name: string; data: Buffer }[] };
export type ProcessResult = { ok: true; image: ProcessedImage } | { ok: false; error: string };

/** Checks and converts an upload in memory; writes nothing. */
export async function processImage(bytes: Buffer): Promise<ProcessResult> {
  if (bytes.length === 0) return { ok: false, error: IMAGE_ERRORS.missing };
  if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, error: IMAGE_ERRORS.tooBig };
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, error: IMAGE_ERRORS.notImage };
  // failOn "truncated": a cut-off file is refused, not padded with grey; the pixel
  // limit is checked from the header, before any pixel is decoded.
  const options = { limitInputPixels: MAX_IMAGE_PIXELS, failOn: "truncated" } as const;
  let meta: Metadata;
  try {
    meta = await sharp(bytes, options).metadata();
  } catch (error) {
    return { ok: false, error: pixelLimitError(error) ? IMAGE_ERRORS.tooManyPixels : IMAGE_ERRORS.damaged };
  }
  if (meta.format !== type) return { ok: false, error: IMAGE_ERRORS.notImage };
  if (!meta.width || !meta.height) return { ok: false, error: IMAGE_ERRORS.damaged };
  if (meta.width * meta.height > MAX_IMAGE_PIXELS) return { ok: false, error: IMAGE_ERRORS.tooManyPixels };
  // EXIF orientations 5–8 turn the picture a quarter: the stored copies are upright.
  const uprightWidth = (meta.orientation ?? 1) >= 5 ? meta.height : meta.width;
  const key = crypto.createHash("sha256").update(bytes).digest("hex").slice(0, 32);
  try {
    // One decode; each width is a clone of it. Metadata (EXIF, GPS, ICC comments) is
    // not copied: sharp writes none unless asked (keepMetadata/withMetadata).
    const base = sharp(bytes, options).rotate();
    const outputs = await Promise.all(
      variantWidths(uprightWidth).map(async (width) => {
        const { data, info } = await base
          .clone()
          .resize({ width, withoutEnlargement: true })
          .webp({ quality: 78, effort: 4 })
          .toBuffer({ resolveWithObject: true });
        return { name: mediaFileName(key, width), data, width: info.width, height: info.height };
      }),
    );
    const largest = outputs[outputs.length - 1]!;
    return {
      ok: true,
      image: {
        key,
        width: largest.width,
        height: largest.height,
        files: outputs.map(({ name, data }) => ({ name, data })),
      },
    };
  } catch (error) {
    return { ok: false, error: pixelLimitError(error) ? IMAGE_ERRORS.tooManyPixels : IMAGE_ERRORS.damaged };
  }
}

function pixelLimitError(error: unknown): boolean {
  return error instanceof Error && /pixel limit/i.test(error.message);
}

/**
 * Writes the copies under the uploads folder: each to a temporary name, then
 * renamed, so a reader never gets half a file. The same upload twice is the
 * same key and the same files: written once.
 */
export function storeImage(image: ProcessedImage, folder: string = uploadsPath()): void {
  if (!IMAGE_KEY_PATTERN.test(image.key)) throw new Error("Bad image key");
  fs.mkdirSync(folder, { recursive: true });
  for (const file of image.files) {
    const target = path.join(folder, file.name);
    if (fs.existsSync(target)) continue;
    const temp = path.join(folder, `.${file.name}.${crypto.randomUUID()}.tmp`);
    fs.writeFileSync(temp, file.data, { mode: 0o644 });
    fs.renameSync(temp, target);
  }
}

export const LeadImageTextSchema = z.object({
  imageDescription: z
    .string()
    .trim()
    .min(1, "Describe the image for readers who cannot see it.")
    .max(300, "Keep the description under 300 characters."),
  imageCredit: z.string().trim().max(200, "Keep the credit under 200 characters."),
});

export type AcceptLeadImageResult = { ok: true; image: LeadImage } | { ok: false; errors: Record<string, string> };

/**
 * The story editor's image step: reads the file input `image` and the text
 * fields `imageDescription` (alt text, required) and `imageCredit`, checks
 * them, and stores the image. Errors are keyed by field name. On success the
 * caller saves `image` on the article (db/queries/article-images.ts).
 */
export async function acceptLeadImage(formData: FormData): Promise<AcceptLeadImageResult> {
  const errors: Record<string, string> = {};
  const text = LeadImageTextSchema.safeParse({
    imageDescription: formText(formData, "imageDescription"),
    imageCredit: formText(formData, "imageCredit"),
  });
  if (!text.success) {
    for (const issue of text.error.issues) errors[String(issue.path[0])] ??= issue.message;
  }
  const file = formData.get("image");
  let processed: ProcessResult;
  if (!(file instanceof File) || file.size === 0) processed = { ok: false, error: IMAGE_ERRORS.missing };
  else if (file.size > MAX_IMAGE_BYTES) processed = { ok: false, error: IMAGE_ERRORS.tooBig };
  else processed = await processImage(Buffer.from(await file.arrayBuffer()));
  if (!processed.ok) errors.image = processed.error;
  if (!processed.ok || !text.success) return { ok: false, errors };
  storeImage(processed.image);
  return {
    ok: true,
    image: {
      key: processed.image.key,
      width: processed.image.width,
      height: processed.image.height,
      description: text.data.imageDescription,
      credit: text.data.imageCredit || null,
    },
  };
}
