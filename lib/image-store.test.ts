import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acceptLeadImage, IMAGE_ERRORS, processImage, storeImage } from "./image-store";
import { MEDIA_NAME_PATTERN, sniffImageType, variantWidths } from "./images";

function photo(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 90, b: 160 } } });
}

let folder: string;
beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "uploads-test-"));
  process.env.UPLOADS_PATH = folder;
});
afterEach(() => {
  delete process.env.UPLOADS_PATH;
  fs.rmSync(folder, { recursive: true, force: true });
});

function form(file: Buffer | null, fields: Record<string, string> = {}, name = "photo.jpg"): FormData {
  const data = new FormData();
  if (file) data.set("image", new File([new Uint8Array(file)], name));
  data.set("imageDescription", fields.imageDescription ?? "A ferry leaving the harbour at dawn");
  data.set("imageCredit", fields.imageCredit ?? "Photo: Ana Ruiz");
  return data;
}

describe("sniffImageType", () => {
  it("knows JPEG, PNG and WebP by their first bytes, nothing else", async () => {
    expect(sniffImageType(await photo(8, 8).jpeg().toBuffer())).toBe("jpeg");
    expect(sniffImageType(await photo(8, 8).png().toBuffer())).toBe("png");
    expect(sniffImageType(await photo(8, 8).webp().toBuffer())).toBe("webp");
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(Buffer.from("<!doctype html><script>alert(1)</script>"))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe("variantWidths", () => {
  it("never enlarges and always makes one", () => {
    expect(variantWidths(4000)).toEqual([480, 960, 1600]);
    expect(variantWidths(1200)).toEqual([480, 960, 1200]);
    expect(variantWidths(960)).toEqual([480, 960]);
    expect(variantWidths(300)).toEqual([300]);
  });
});

describe("processImage", () => {
  it("makes upright WebP copies at each width with the metadata stripped", async () => {
    const jpeg = await photo(2000, 1000)
      .withExif({ IFD0: { Make: "SpyCam", Copyright: "secret" }, IFD3: { GPSLatitudeRef: "N" } })
      .jpeg()
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const result = await processImage(jpeg);
    if (!result.ok) throw new Error(result.error);
    expect(result.image.width).toBe(1600);
    expect(result.image.height).toBe(800);
    expect(result.image.files.map((f) => f.name)).toHaveLength(3);
    for (const file of result.image.files) {
      expect(file.name).toMatch(MEDIA_NAME_PATTERN);
      const meta = await sharp(file.data).metadata();
      expect(meta.format).toBe("webp");
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
    }
  });

  it("turns an EXIF-rotated photo upright", async () => {
    const jpeg = await photo(1200, 600).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const result = await processImage(jpeg);
    if (!result.ok) throw new Error(result.error);
    expect([result.image.width, result.image.height]).toEqual([600, 1200]);
  });

  it("accepts PNG and WebP", async () => {
    expect((await processImage(await photo(500, 300).png().toBuffer())).ok).toBe(true);
    expect((await processImage(await photo(500, 300).webp().toBuffer())).ok).toBe(true);
  });

  it("refuses SVG, HTML renamed .jpg, a truncated JPEG, a 60-megapixel bomb and an oversize file", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const html = Buffer.from("<!doctype html><p>not a photo</p>");
    const full = await photo(800, 600).jpeg().toBuffer();
    const truncated = full.subarray(0, Math.floor(full.length / 2));
    // 60 MP of one colour compresses to a few kilobytes: a classic decompression bomb.
    const bomb = await photo(10_000, 6_000).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const oversize = Buffer.concat([full, Buffer.alloc(10 * 1024 * 1024)]);
    expect(await processImage(svg)).toEqual({ ok: false, error: IMAGE_ERRORS.notImage });
    expect(await processImage(html)).toEqual({ ok: false, error: IMAGE_ERRORS.notImage });
    expect(await processImage(truncated)).toEqual({ ok: false, error: IMAGE_ERRORS.damaged });
    expect(await processImage(bomb)).toEqual({ ok: false, error: IMAGE_ERRORS.tooManyPixels });
    expect(await processImage(oversize)).toEqual({ ok: false, error: IMAGE_ERRORS.tooBig });
  });

  it("refuses a PNG signature in front of something else", async () => {
    const fake = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("nope")]);
    expect((await processImage(fake)).ok).toBe(false);
  });
});

describe("storeImage", () => {
  it("writes each copy once, under its content address", async () => {
    const result = await processImage(await photo(1000, 500).jpeg().toBuffer());
    if (!result.ok) throw new Error(result.error);
    storeImage(result.image, folder);
    storeImage(result.image, folder);
    expect(fs.readdirSync(folder).sort()).toEqual(result.image.files.map((f) => f.name).sort());
  });
});

describe("acceptLeadImage", () => {
  it("stores a good image with its description and credit", async () => {
    const result = await acceptLeadImage(form(await photo(1000, 600).jpeg().toBuffer()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.image).toMatchObject({ width: 1000, height: 600, credit: "Photo: Ana Ruiz" });
    expect(result.image.description).toBe("A ferry leaving the harbour at dawn");
    expect(fs.readdirSync(folder)).toHaveLength(3);
  });

  it("requires a description, and stores nothing when anything is wrong", async () => {
    const good = await photo(600, 400).jpeg().toBuffer();
    const result = await acceptLeadImage(form(good, { imageDescription: "   " }));
    expect(result).toEqual({
      ok: false,
      errors: { imageDescription: "Describe the image for readers who cannot see it." },
    });
    const bad = await acceptLeadImage(form(Buffer.from("<svg/>"), {}, "logo.jpg"));
    expect(bad).toEqual({ ok: false, errors: { image: IMAGE_ERRORS.notImage } });
    expect(await acceptLeadImage(form(null))).toEqual({ ok: false, errors: { image: IMAGE_ERRORS.missing } });
    expect(fs.readdirSync(folder)).toEqual([]);
  });
});
