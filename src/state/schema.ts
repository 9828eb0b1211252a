// The nightly state's file format: its tables, and the check that a file is one. A file is a state
// when SQLite's application_id says so and its meta table names a schema version we can read; any
// other file (a text file, someone else's database) is refused before anything is written to it,
// so pointing --state at the wrong file never alters that file.
import type Database from 'better-sqlite3';
import { UsageError } from '../errors.js';

/** "CBST" (collab-bulk state) in PRAGMA application_id: the mark that this SQLite file is ours. */
export const APPLICATION_ID = 0x43425354;
export const SCHEMA_VERSION = 1;

// Numbers are E.164 digits stored as INTEGER: no E.164 number starts with 0, so nothing is lost,
// and a pair's key takes ~20 bytes instead of ~36, which matters at millions of pairs.
// Times are Unix milliseconds (INTEGER), for the same reason.
const TABLES = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE runs (
  id         INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  ended_at   INTEGER,
  input      TEXT NOT NULL,
  out_dir    TEXT,
  action     TEXT NOT NULL CHECK (action IN ('add', 'remove')),
  mirror     INTEGER NOT NULL DEFAULT 0,
  shard      TEXT,
  pid        INTEGER NOT NULL,
  counts     TEXT,
  exit_code  INTEGER
);
CREATE TABLE pairs (
  waba        INTEGER NOT NULL,
  customer    INTEGER NOT NULL,
  agent       INTEGER NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('add', 'remove')),
  outcome     TEXT NOT NULL CHECK (outcome IN ('applied', 'failed')),
  code        TEXT,
  http_status INTEGER,
  retryable   INTEGER,
  added       INTEGER NOT NULL CHECK (added IN (0, 1)),
  at          INTEGER NOT NULL,
  run_id      INTEGER NOT NULL,
  PRIMARY KEY (waba, customer, agent)
) WITHOUT ROWID;
CREATE TABLE pair_events (
  id          INTEGER PRIMARY KEY,
  waba        INTEGER NOT NULL,
  customer    INTEGER NOT NULL,
  agent       INTEGER NOT NULL,
  run_id      INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  row         INTEGER NOT NULL,
  action      TEXT NOT NULL,
  outcome     TEXT NOT NULL,
  code        TEXT,
  http_status INTEGER,
  retryable   INTEGER,
  message     TEXT
);
CREATE INDEX pair_events_by_pair ON pair_events (waba, customer, agent, id);
CREATE TABLE lock (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  pid   INTEGER NOT NULL,
  host  TEXT NOT NULL,
  since INTEGER NOT NULL
);
`;

export type FileKind = 'state' | 'empty';

/**
 * Says whether the open file is a state (or an empty database that may become one), reading only;
 * throws a one-sentence UsageError naming `label` (the flag or argument) for anything else.
 */
export function identify(db: Database.Database, label: string): FileKind {
  let applicationId: number;
  let tables: number;
  try {
    applicationId = db.pragma('application_id', { simple: true }) as number;
    tables = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n;
  } catch (error) {
    throw new UsageError(`${label} is not a collab-bulk state (${sqliteReason(error)}): name the state file a run created, or a new file`);
  }
  if (applicationId === 0 && tables === 0) return 'empty';
  if (applicationId !== APPLICATION_ID) {
    throw new UsageError(`${label} is an SQLite database but not a collab-bulk state: name the state file a run created, or a new file`);
  }
  const version = metaValue(db, 'schema_version');
  if (version === undefined || !/^\d+$/.test(version)) {
    throw new UsageError(`${label} is not a complete collab-bulk state (its meta table has no schema version): name the state file a run created, or a new file`);
  }
  if (Number(version) > SCHEMA_VERSION) {
    throw new UsageError(`${label} was written by a newer collab-bulk (state schema ${version}, this one reads ${SCHEMA_VERSION}): upgrade collab-bulk`);
  }
  return 'state';
}

/** Creates the tables in an empty database and marks it as ours; the caller holds the transaction. */
export function initialise(db: Database.Database, shard: string, now: number): void {
  db.exec(TABLES);
  const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  put.run('schema_version', String(SCHEMA_VERSION));
  put.run('shard', shard);
  put.run('created_at', String(now));
  db.pragma(`application_id = ${APPLICATION_ID}`);
}

export function metaValue(db: Database.Database, key: string): string | undefined {
  try {
    return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  } catch {
    return undefined;
  }
}

/** SQLite's own words for why a file cannot be read, without its error class. */
export function sqliteReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'SQLITE_NOTADB') return 'it is not an SQLite database';
  if (code === 'SQLITE_CANTOPEN') return 'it cannot be opened';
  return (error as Error).message ?? String(error);
}
