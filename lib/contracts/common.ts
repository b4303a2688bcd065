// Shapes shared by several contracts: boxes, kinds, the error envelope.
import { z } from "zod";

export const PinKind = z.enum(["product", "pin"]);
export type PinKind = z.infer<typeof PinKind>;

/** A region of an image, normalized to 0–1 of its width and height; x,y is the top-left corner. */
export const Box = z
  .object({
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    w: z.number().gt(0).max(1),
    h: z.number().gt(0).max(1),
  })
  .strict()
  .refine((b) => b.x + b.w <= 1 + 1e-6 && b.y + b.h <= 1 + 1e-6, {
    message: "box must lie inside the image",
  });
export type Box = z.infer<typeof Box>;

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
