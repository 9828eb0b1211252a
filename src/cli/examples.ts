// The examples every command's --help ends with: real command lines for the jobs people come with
// (a first run, a dry run, remove, a rerun of retry.csv, a resume, a nightly cron line; listing an
// agent's chats to move them).
import type { Argv } from 'yargs';

export const RUN_EXAMPLES: [string, string][] = [
  ['$0 run agents.csv', 'first run (key in DOUBLETICK_API_KEY): add every row\'s agents as collaborators, 10 requests/s, outputs in runs/agents-<time>/'],
  ['$0 run agents.csv --dry-run', 'read and check every row, write results.csv and retry.csv, send nothing'],
  ['$0 run leavers.csv --action remove --out runs/leavers', 'remove collaborators instead of adding them'],
  ['$0 run runs/agents-20260301T020000Z/retry.csv', 'rerun only the rows worth sending again (transient failures, rows never sent)'],
  ['$0 run agents.csv --out runs/agents-20260301T020000Z --resume', 'finish an interrupted run where it stopped'],
  [
    '0 2 * * * cd /srv/crm && collab-bulk run export.csv --out runs/$(date +\\%F) --log-file runs/$(date +\\%F).log || mail -s "collab-bulk exit $?" ops@example.com < runs/$(date +\\%F)/summary.json',
    'nightly cron line: progress lines every 10 s off a terminal, exit 2/3 mails the summary',
  ],
];

export function withRunExamples<T>(yargs: Argv<T>): Argv<T> {
  return RUN_EXAMPLES.reduce((y, [command, description]) => y.example(command, description), yargs).epilogue(
    'Exit codes: 0 every row done, 1 nothing sent (bad flag or file), 2 some rows not done (see retry.csv), 3 stopped early (see the summary on stderr). Files: results.csv, retry.csv, summary.json, report.html in --out.',
  );
}

export const CHATS_EXAMPLES: [string, string][] = [
  ['$0 chats --assigned-to priya.nair@example.com --out move.csv', "list Priya's chats into move.csv (from_agent filled in); fill in to_agent, then run move.csv"],
  ['$0 chats --assigned-to "+91 98111 00005" --waba 919800000001', 'only the chats of one WABA number, into chats-919811100005.csv'],
  ['$0 chats --assigned-to "Priya Nair" --base-url http://127.0.0.1:4010 --api-key sandbox-key', 'rehearse against the sandbox (its chats start with assignees)'],
];

export function withChatsExamples<T>(yargs: Argv<T>): Argv<T> {
  return CHATS_EXAMPLES.reduce((y, [command, description]) => y.example(command, description), yargs).epilogue(
    'Exit codes: 0 listed (the file holds every chat assigned to the agent), 1 bad flag or no such team member, 3 the API stopped the listing (no file is written).',
  );
}
