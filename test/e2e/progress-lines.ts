// Reads the JSON log lines a run writes to stderr off a terminal, and its progress lines among them
// (shared by progress.test.ts and progress-untimed.test.ts).
export interface LogLine {
  level: string;
  msg: string;
  progress?: { done: number; total?: number; totalExact: boolean; succeeded: number; retriesWaiting: number; pause?: { kind: string; why: string } };
}

function jsonLines(stderr: string): LogLine[] {
  return stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogLine);
}

export const progressLines = (stderr: string): LogLine[] => jsonLines(stderr).filter((l) => l.progress);
