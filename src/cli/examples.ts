// The examples every command's --help ends with: real command lines for the jobs people come with
// (a first run, a dry run, remove, a rerun of retry.csv, a resume, a nightly cron line).
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
