// `npm run bench:load -- [--base URL] [--connections 200] [--duration 60] [--json FILE]`: a
// bounded load test of a running Glimpse on loopback (scripts/lib/load.ts): image search, text
// search, feed pages and uploads at once, then the server's memory once it has settled. Start
// the server with its rate limits off (GLIMPSE_UPLOADS_PER_MINUTE=0 GLIMPSE_SEARCHES_PER_MINUTE=0)
// to measure capacity, or as it is to see the limits at work. A benchmark: it asserts nothing,
// but exits 1 when any answer was neither a success nor a deliberate 429/503.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { formatLoadReport, runLoad, unexpectedAnswers } from "./lib/load";

const { values } = parseArgs({
  options: {
    base: { type: "string", default: `http://127.0.0.1:${process.env.PORT ?? 3000}` },
    connections: { type: "string", default: "200" },
    duration: { type: "string", default: "60" },
    settle: { type: "string", default: "20" },
    json: { type: "string" },
  },
});

const report = await runLoad({
  base: values.base,
  connections: Number(values.connections),
  durationSeconds: Number(values.duration),
  settleSeconds: Number(values.settle),
});
console.log(formatLoadReport(report));
if (values.json) await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
const unexpected = report.routes.reduce((sum, route) => sum + unexpectedAnswers(route), 0);
console.log(`\n${unexpected} unexpected answers (anything but 2xx, 429, 503)`);
process.exitCode = unexpected === 0 ? 0 : 1;
