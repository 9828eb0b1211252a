// summary.json of a merged split: the shards' counts added up, their times spanned, and the
// exit code worked out from the whole as one run would (a stop in any shard stops the whole).
import type { RowStatus } from '../rows/row-result.js';
import { buildSummary, createCounts, type RunCounts, type Summary } from './summary.js';
import type { ShardRun } from './shard-set.js';

export function mergeSummaries(shards: readonly ShardRun[], merge: { outDir: string; started: Date }): Summary & { shards: number } {
  const counts: RunCounts = createCounts();
  for (const { summary } of shards) {
    counts.rows += summary.rows;
    for (const [status, n] of Object.entries(summary.statuses)) counts.statuses[status as RowStatus] = (counts.statuses[status as RowStatus] ?? 0) + n;
    addAll(counts.errorCodes, summary.errorCodes);
    addAll(counts.httpStatuses, summary.httpStatuses);
    counts.requests += summary.requestsSent;
    counts.retries += summary.retries;
    counts.rateLimited += summary.rateLimited;
  }
  const first = shards[0]!.summary;
  const started = new Date(Math.min(...shards.map((s) => Date.parse(s.summary.startedAt))));
  const finished = new Date(Math.max(...shards.map((s) => Date.parse(s.summary.finishedAt))));
  // Shards send side by side, so the whole sent for about the longest shard's sending time.
  const sendSeconds = Math.max(...shards.map(({ summary }) => (summary.requestsPerSecond > 0 ? summary.requestsSent / summary.requestsPerSecond : 0)));
  const stopped = shards.find((s) => s.summary.stoppedBecause)?.summary;
  const built = buildSummary(counts, {
    input: first.input,
    outDir: merge.outDir,
    action: first.action,
    dryRun: first.dryRun,
    resumed: shards.some((s) => s.summary.resumed),
    rate: first.rateLimit,
    rateAuto: first.rateAuto,
    teamDirectory: first.teamDirectory,
    started: Number.isNaN(started.getTime()) ? merge.started : started,
    finished: Number.isNaN(finished.getTime()) ? new Date() : finished,
    stop: stopped?.stoppedBecause ?? undefined,
    inputError: stopped?.inputError,
    sendSeconds,
  });
  return { ...built, shards: shards.length };
}

function addAll(into: Record<string, number>, from: Record<string, number> | undefined): void {
  for (const [key, n] of Object.entries(from ?? {})) into[key] = (into[key] ?? 0) + n;
}
