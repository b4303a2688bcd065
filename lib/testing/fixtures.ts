// Files the tests read as they are (see lib/image/fixtures/README.md for where they come from).
import { readFileSync } from "node:fs";
import path from "node:path";

/** A 320×240 photo as an iPhone would send it: HEIC (HEVC), made with libheif's heif-enc. */
export function heicPhoto(): Buffer {
  return readFileSync(path.join(process.cwd(), "lib/image/fixtures/wooden-boards.heic"));
}
