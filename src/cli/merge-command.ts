// `collab-bulk merge <shard out dir>... --out <dir>`: joins the outputs of a --shard i/n split
// into one results.csv, retry.csv and summary.json, and exits as one run of the whole would.
import type { Argv, CommandModule } from 'yargs';
import { mergeShardDirs } from '../output/merge.js';
import { createLogger } from './logger.js';
import { printSummary } from './report.js';
import { TerminalLines } from './terminal-lines.js';

interface MergeArgs {
  shards: string[];
  out: string;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <shards..>',
  describe: 'Join the out folders of a --shard i/n split into one results.csv, retry.csv and summary.json',
  builder: (yargs) =>
    yargs
      .positional('shards', { type: 'string', array: true, demandOption: true, describe: "every shard's out folder" })
      .option('out', { type: 'string', demandOption: true, requiresArg: true, describe: 'folder for the merged outputs' })
      .example('$0 merge runs/s1 runs/s2 runs/s3 --out runs/all', 'join three shards (run with --shard 1/3, 2/3, 3/3) into one set of files') as unknown as Argv<MergeArgs>,
  handler: async (argv) => {
    const summary = await mergeShardDirs(argv.shards.map(String), String(argv.out));
    printSummary({ summary }, createLogger({ level: 'warn', lines: new TerminalLines() }), (text) => process.stdout.write(text));
    process.exitCode = summary.exitCode;
  },
};
