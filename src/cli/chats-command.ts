// `collab-bulk chats --assigned-to <agent>`: parses the flags into chats options, lists the agent's
// chats with src/run/list-chats.ts, prints the count and the file (or one sentence why not) and sets
// the exit code: 0 listed, 1 bad flag or unknown agent, 3 the API stopped the listing.
import type { Argv, CommandModule } from 'yargs';
import { resolveChatsOptions, type ChatsInput } from '../run/chats-options.js';
import { listAgentChats } from '../run/list-chats.js';
import { RUN_DEFAULTS } from '../run/options.js';
import { withChatsExamples } from './examples.js';

function chatsFlags<T>(yargs: Argv<T>) {
  return yargs
    .option('assigned-to', { type: 'string', demandOption: true, requiresArg: true, describe: 'the agent whose chats to list: phone (any format), e-mail or full name, read against the team directory (GET /team)' })
    .option('waba', { type: 'string', requiresArg: true, describe: 'list only the chats of this WABA number' })
    .option('out', { type: 'string', requiresArg: true, describe: 'the CSV file to write [default: chats-<agent phone digits>.csv here]' })
    .option('api-key', { type: 'string', describe: 'DoubleTick API key (or env DOUBLETICK_API_KEY); never printed or written' })
    .option('base-url', { type: 'string', describe: `API base URL (or env DOUBLETICK_BASE_URL) [default: ${RUN_DEFAULTS.baseUrl}]` })
    .option('rate', { type: 'string', default: RUN_DEFAULTS.rate, describe: 'pages asked per second, as for run: auto (adaptive, up to --max-rate), N (never above N) or 0 (no limit)' })
    .option('max-rate', { type: 'number', default: RUN_DEFAULTS.maxRate, describe: 'the most requests per second --rate auto ever sends' })
    .option('timeout', { type: 'number', default: RUN_DEFAULTS.timeoutMs, describe: 'ms to wait for one answer' })
    .option('max-retries', { type: 'number', default: RUN_DEFAULTS.maxRetries, describe: 'resends of a page after a transient failure (5xx, network, timeout)' })
    .option('default-country', { type: 'string', describe: 'ISO country (e.g. IN) for an --assigned-to phone written without a country code' });
}

type ChatsArgs = Awaited<ReturnType<ReturnType<typeof chatsFlags>['parseAsync']>>;

export const chatsCommand: CommandModule<object, ChatsArgs> = {
  command: 'chats',
  describe: "List the chats assigned to an agent (GET /chats) as a reassignment file: waba_number, customer_phone, from_agent, to_agent (empty)",
  builder: (yargs) => withChatsExamples(chatsFlags(yargs)) as unknown as Argv<ChatsArgs>,
  handler: async (argv) => {
    process.exitCode = await executeChats({
      assignedTo: String(argv.assignedTo),
      waba: argv.waba,
      out: argv.out,
      apiKey: argv.apiKey,
      baseUrl: argv.baseUrl,
      rate: argv.rate,
      maxRate: argv.maxRate,
      timeout: argv.timeout,
      maxRetries: argv.maxRetries,
      defaultCountry: argv.defaultCountry,
    });
  },
};

/** Lists the chats and prints the outcome; returns the exit code. */
export async function executeChats(input: ChatsInput): Promise<number> {
  const options = resolveChatsOptions(input);
  const report = await listAgentChats(options, (line) => process.stderr.write(`collab-bulk: ${line}\n`));
  if (report.exitCode !== 0) {
    process.stderr.write(`collab-bulk: ${report.message}\n`);
    return report.exitCode;
  }
  const who = report.agent.name ? `${report.agent.name} (+${report.agent.digits})` : `+${report.agent.digits}`;
  const chats = report.count === 1 ? '1 chat' : `${report.count} chats`;
  process.stdout.write(`${chats} assigned to ${who} written to ${report.file} (${report.pages} ${report.pages === 1 ? 'page' : 'pages'} of GET /chats)\n`);
  if (report.count > 0) process.stdout.write(`Next: fill in to_agent, then run it: collab-bulk run ${report.file}\n`);
  return 0;
}
