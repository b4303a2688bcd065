// `npm run worker`: works the durable job queues (lib/server/jobs.ts) in a process of its own,
// beside app processes started with GLIMPSE_IN_APP_WORKERS=0, against the same PostgreSQL
// server (DATABASE_URL). The embedded PGlite store allows one process per data directory, so
// with it the app works its jobs itself. Prints the queues' state every few seconds; stops on
// SIGINT/SIGTERM, leaving jobs in flight to be retried.
import { closeServerContext, serverContext } from "@/lib/server/context";
import { jobsReport } from "@/lib/server/jobs";

if (!process.env.DATABASE_URL) {
  console.error("npm run worker needs DATABASE_URL: with the embedded store, the app process works the jobs itself.");
  process.exit(1);
}
process.env.GLIMPSE_IN_APP_WORKERS = "1"; // this process is the worker
await (await serverContext()).jobs();
console.log("working the job queues; Ctrl-C stops");
const report = setInterval(() => {
  jobsReport()
    .then((jobs) => console.log(new Date().toISOString(), JSON.stringify(jobs)))
    .catch((error: unknown) => console.error("reading the queues failed", error));
}, 10_000);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    clearInterval(report);
    void (async () => {
      await closeServerContext();
      process.exit(0);
    })();
  });
}
