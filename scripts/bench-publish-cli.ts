// npm run bench:publish: only the publish scenarios of the bench (scripts/bench-publish.ts),
// printed as the rows of BENCHMARKS.md's table; BENCHMARKS.md itself is left as it is.
// Sizes: BENCH_PUB_ACCOUNTS (accounts per burst, default 1,000).
import { runPublishBench } from "./bench-publish";

async function main() {
  const accounts = process.env.BENCH_PUB_ACCOUNTS ? Number(process.env.BENCH_PUB_ACCOUNTS) : undefined;
  const result = await runPublishBench({ accounts });
  console.log(["", "| measure | result |", "| --- | --- |", ...result.rows, "", ...result.notes, ""].join("\n"));
  console.log(JSON.stringify(result.figures, null, 2));
  if (!result.ok) {
    console.error("publish bench: a post was not published exactly once, or a TikTok account went over its rate limit (see above)");
    process.exitCode = 1;
  }
}

void main().then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
