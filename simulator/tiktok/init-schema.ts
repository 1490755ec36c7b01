// The photo content/init body (platforms.md §1.4).
import { z } from "zod";

// TikTok counts UTF-16 code units (JS .length); zod's .max() counts differently for emoji.
const utf16Max = (max: number) => z.string().refine((s) => s.length <= max, `must be at most ${max} UTF-16 code units`);

export const photoInitSchema = z.object({
  media_type: z.literal("PHOTO"),
  post_mode: z.enum(["DIRECT_POST", "MEDIA_UPLOAD"]),
  post_info: z
    .object({
      title: utf16Max(90).optional(),
      description: utf16Max(4000).optional(),
      privacy_level: z.string().optional(),
      disable_comment: z.boolean().optional(),
      auto_add_music: z.boolean().optional(),
      brand_content_toggle: z.boolean().optional(),
      brand_organic_toggle: z.boolean().optional(),
    })
    .optional(),
  source_info: z.object({
    source: z.literal("PULL_FROM_URL"),
    photo_images: z.array(z.string()).min(1).max(35),
    photo_cover_index: z.number().int().min(0),
  }),
});

export type PhotoInit = z.infer<typeof photoInitSchema>;

/** The parsed body, or the invalid_param message naming the first bad field. */
export function parsePhotoInit(body: unknown): { ok: true; value: PhotoInit } | { ok: false; message: string } {
  const parsed = photoInitSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "body";
    return { ok: false, message: `Invalid field ${field}: ${issue?.message ?? "malformed request body"}` };
  }
  const { photo_images, photo_cover_index } = parsed.data.source_info;
  if (photo_cover_index >= photo_images.length) {
    return { ok: false, message: "Invalid field source_info.photo_cover_index: must be an index into photo_images" };
  }
  return { ok: true, value: parsed.data };
}
