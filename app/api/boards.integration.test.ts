// Accounts and boards through the route handlers on embedded PGlite (a temporary DATA_DIR).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "glimpse-boards-"));
process.env.DATABASE_URL = "";

const { describeBoardsApi } = await import("./boards-suite");
describeBoardsApi("PGlite");
