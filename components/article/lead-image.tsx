import { imageSources, type LeadImage } from "@/lib/images";

/**
 * A story's lead image: every stored width in `srcset`, the intrinsic size in
 * width/height (the browser reserves the box before a byte arrives, so nothing
 * shifts), the description as alt text and the credit in the caption.
 */
export function LeadImageFigure({
  image,
  sizes,
  className,
  priority = false,
  caption = true,
}: {
  image: LeadImage;
  sizes: string;
  className?: string;
  priority?: boolean;
  caption?: boolean;
}) {
  const { src, srcSet, width, height } = imageSources(image);
  return (
    <figure className={`lead-image ${className ?? ""}`}>
      {/* eslint-disable-next-line @next/next/no-img-element -- our own resized copies; next/image would resize again per request */}
      <img
        src={src}
        srcSet={srcSet}
        sizes={sizes}
        width={width}
        height={height}
        alt={image.description}
        loading={priority ? "eager" : "lazy"}
        fetchPriority={priority ? "high" : undefined}
        decoding="async"
        className="lead-image__img"
      />
      {caption && image.credit ? <figcaption className="lead-image__credit">{image.credit}</figcaption> : null}
    </figure>
  );
}
