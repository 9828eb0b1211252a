// `collab-bulk run`: parses flags into run options, wires Ctrl-C, logs and progress, prints the
// end-of-run summary, and sets the exit code. All behaviour lives in src/run/pipeline.ts.
import type { Argv, CommandModule } from 'yargs';
import type { Logger } from 'pino';
import { writeReport } from '../output/report-html.js';
import { createRunRecord, recordAnswerAt, recordSettled, recordWritten, type RunRecord } from '../output/run-record.js';
import { resolveRunOptions, RUN_DEFAULTS, type RunInput, type RunOptions } from '../run/options.js';
import { runJob, type RunHooks } from '../run/pipeline.js';
import { withRunExamples } from './examples.js';
import { inputFlags, readingFrom } from './input-flags.js';
import { createLogger } from './logger.js';
import { finishHint, nextStep } from './next-step.js';
import { createProgress, type Progress } from './progress.js';
import { printSummary } from './report.js';
import { EXIT } from '../output/summary.js';

/** After the grace time, this long for the outputs to be written before the process quits regardless. */
const BACKSTOP_SLACK_MS = 1_500;
import { TerminalLines } from './terminal-lines.js';

export function runFlags<T>(yargs: Argv<T>) {
  return inputFlags(yargs)
    .option('api-key', { type: 'string', describe: 'DoubleTick API key (or env DOUBLETICK_API_KEY); never printed or written' })
    .option('base-url', { type: 'string', describe: `API base URL (or env DOUBLETICK_BASE_URL) [default: ${RUN_DEFAULTS.baseUrl}]` })
    .option('action', { choices: ['add', 'remove'] as const, default: RUN_DEFAULTS.action, describe: 'add or remove collaborators' })
    .option('rate', { type: 'string', default: RUN_DEFAULTS.rate, describe: 'auto: find the fastest pace the API accepts, up to --max-rate; N: the same, never above N per second; 0: no limit' })
    .option('max-rate', { type: 'number', default: RUN_DEFAULTS.maxRate, describe: 'the most requests per second --rate auto ever sends' })
    .option('concurrency', { type: 'number', describe: 'max requests in flight [default: 2 x the rate, 4 to 256; 16 at --rate 0]' })
    .option('timeout', { type: 'number', default: RUN_DEFAULTS.timeoutMs, describe: 'ms to wait for one answer' })
    .option('max-retries', { type: 'number', default: RUN_DEFAULTS.maxRetries, describe: 'resends of a transient failure (429, 5xx, network, timeout)' })
    .option('max-agents-per-request', { type: 'number', default: RUN_DEFAULTS.maxAgentsPerRequest, describe: 'agents merged into one request for the same chat' })
    .option('coalesce', { type: 'boolean', default: true, describe: 'merge waiting rows of the same chat into one request (--no-coalesce: one request per row)' })
    .option('team-check', { type: 'boolean', default: RUN_DEFAULTS.teamCheck, describe: 'read the team directory (GET /team) before the first request, to resolve e-mails and names and skip unknown agents (--no-team-check: send phone numbers as given)' })
    .option('max-error-rate', { type: 'number', describe: 'stop (exit 3) once more than this % of sent rows failed permanently (after 100 rows)' })
    .option('out', { type: 'string', describe: 'output folder [default: runs/<input name>-<UTC timestamp>/]' })
    .option('dry-run', { type: 'boolean', default: false, describe: 'read and check every row, write the outputs, send nothing' })
    .option('resume', { type: 'boolean', default: false, describe: 'finish an interrupted run in --out, skipping rows it already settled' })
    .option('excel', { type: 'boolean', default: false, describe: 'write results.csv with a UTF-8 BOM so Excel shows accents' })
    .option('progress', { type: 'boolean', default: true, describe: 'show progress on stderr: a bar on a terminal, a line every --progress-interval seconds elsewhere (--no-progress: none)' })
    .option('progress-interval', { type: 'number', default: RUN_DEFAULTS.progressIntervalSeconds, describe: 'seconds between progress lines when stderr is not a terminal (cron, CI, a pipe)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress bar or progress lines (same as --no-progress); the end-of-run summary still prints' })
    .option('shard', { type: 'string', describe: 'i/n: handle only the chats that hash to shard i of n (join the shards with `collab-bulk merge`)' })
    .option('assign', { type: 'boolean', default: false, describe: 'in a reassignment file (from_agent, to_agent): make a row\'s single to-agent the chat\'s primary assignee once it is added' })
    .option('mirror', { type: 'boolean', default: false, describe: 'with --state: once the whole input is read, remove the pairs the state added that the input no longer names' })
    .option('max-removals', { type: 'string', describe: 'with --mirror: hold every removal when more than N pairs (or N% of the pairs the state added) would go [default: 5%]' })
    .option('state', { type: 'string', describe: 'SQLite file of the pairs applied across runs (created on first use): pairs it holds as applied are not sent again' })
    .option('redis-url', { type: 'string', describe: 'share one rate limit with every process using this Redis (or env COLLAB_BULK_REDIS_URL)' })
    .option('limiter-id', { type: 'string', describe: 'name of the shared limit in Redis [default: a hash of the API key and base URL]' })
    .option('redis-wait', { type: 'number', describe: 'seconds sending waits for an unreachable Redis before the run stops (exit 3, finish with --resume) [default: 30]' })
    .option('log-level', { choices: ['debug', 'info', 'warn', 'error', 'silent'] as const, default: RUN_DEFAULTS.logLevel, describe: 'log detail (debug: one line per row and per answer)' })
    .option('log-file', { type: 'string', describe: 'write the JSON log lines to this file (appended) instead of stderr' });
}

type RunArgs = Awaited<ReturnType<ReturnType<typeof runFlags>['parseAsync']>>;

export function runInputFrom(argv: RunArgs): RunInput {
  return {
    ...readingFrom(argv),
    apiKey: argv.apiKey,
    baseUrl: argv.baseUrl,
    action: argv.action,
    rate: argv.rate,
    maxRate: argv.maxRate,
    concurrency: argv.concurrency,
    timeout: argv.timeout,
    maxRetries: argv.maxRetries,
    maxAgentsPerRequest: argv.maxAgentsPerRequest,
    coalesce: argv.coalesce,
    teamCheck: argv.teamCheck,
    maxErrorRate: argv.maxErrorRate,
    out: argv.out,
    dryRun: argv.dryRun,
    resume: argv.resume,
    excel: argv.excel,
    progress: argv.progress,
    progressInterval: argv.progressInterval,
    quiet: argv.quiet,
    logLevel: argv.logLevel,
    shard: argv.shard,
    redisUrl: argv.redisUrl,
    limiterId: argv.limiterId,
    logFile: argv.logFile,
    redisWait: argv.redisWait,
    state: argv.state,
    mirror: argv.mirror,
    assign: argv.assign,
    maxRemovals: argv.maxRemovals,
  };
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <input>',
  describe: 'Add (or remove) chat collaborators for every row of a CSV',
  builder: (yargs) => withRunExamples(runFlags(yargs)) as unknown as Argv<RunArgs>,
  handler: async (argv) => {
    process.exitCode = await executeRun(runInputFrom(argv));
  },
};

/** Runs the job with Ctrl-C handling, progress and the end-of-run summary; returns the exit code. */
export async function executeRun(input: RunInput, lines = new TerminalLines()): Promise<number> {
  const options = resolveRunOptions(input);
  const logger = createLogger({ level: options.logLevel, logFile: options.logFile, lines });
  const record = createRunRecord(Date.now(), options.dryRun);
  // A bar only where a person watches stderr; elsewhere (cron, CI, a pipe) a progress line now and then.
  const progress = createProgress({ enabled: options.progress, intervalSeconds: options.progressIntervalSeconds, logger, lines, record, bar: lines.isTTY, rateCeiling: options.rate });
  const controller = new AbortController();
  let interrupts = 0;
  let backstop: NodeJS.Timeout | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupts++;
    if (interrupts > 1) {
      progress.stop();
      process.stderr.write(`collab-bulk: stopping now; results so far are in the out folder, ${finishHint(options.input)}\n`);
      process.exit(130);
    }
    logger.warn({ signal }, 'stopping: finishing requests in flight, then writing the outputs (press Ctrl-C again to quit at once)');
    controller.abort();
    // The run ends itself within the grace time; this only guards the promise of a prompt exit.
    backstop = setTimeout(() => {
      process.stderr.write(`collab-bulk: the run did not finish within the grace time after the interrupt; quitting, ${finishHint(options.input)}\n`);
      process.exit(EXIT.stopped);
    }, options.graceMs + BACKSTOP_SLACK_MS);
    backstop.unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const summary = await runJob(options, { signal: controller.signal, ...watchRun(options, logger, record, progress) });
    progress.stop();
    const reportPath = await writeReport({ summary, record }).catch((error: Error) => void logger.warn({ error: error.message }, 'report.html could not be written'));
    printSummary({ summary, record, next: nextStep(summary, input, record.retryRows), reportPath: reportPath ?? undefined }, logger, (text) => lines.write(text));
    return summary.exitCode;
  } finally {
    clearTimeout(backstop);
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The run's hooks: they feed the record behind progress, summary and report, and log at debug per row. */
function watchRun(options: RunOptions, logger: Logger, record: RunRecord, progress: Progress): RunHooks {
  const debug = logger.isLevelEnabled('debug');
  return {
    onNotice: (message) => logger.warn(message),
    onStart: ({ outDir, columns, live }) => {
      // The mapping comes first on stdout, before any request, so a wrong column is seen at once.
      process.stdout.write(`${columns.line}\n`);
      logger.info({ input: options.input, outDir, action: options.action, rate: options.rateAuto ? 'auto' : options.rate, maxRate: options.rate, concurrency: options.concurrency, dryRun: options.dryRun }, 'run started');
      if (debug) logger.debug({ options }, 'run options');
      progress.start(live);
    },
    onSettled: (result) => recordSettled(record, result),
    onAnswer: (outcome, rows, isRetry) => {
      recordAnswerAt(record, outcome, Date.now());
      if (debug) logger.debug({ rows, httpStatus: outcome.httpStatus, code: outcome.kind === 'error' ? outcome.code : undefined, retry: isRetry }, 'answer');
    },
    onRow: (result) => {
      recordWritten(record, result);
      // A million-row run stays quiet unless asked: one line per row at debug level.
      if (debug) logger.debug({ row: result.row, status: result.status, code: result.errorCode, message: result.errorMessage, attempts: result.attempts }, 'row');
    },
  };
}
