// Which of the pairs the state added this run's input names, for --mirror: whatever the state
// added that is not among them (nor settled by this run) is what --mirror removes. Kept in a temp
// table (on disk, gone with the connection), so memory stays small however many pairs the input
// names. A run that resumes reads its whole input again, so the table is rebuilt from the input
// each session, never persisted.
//
// It is written once per pair of every nightly input, so it is made cheap: keys gather in memory
// and go in a chunk at a time, one statement per CHUNK pairs, into a table without a key (an
// append); its index is built once, when the removals are first asked for. One INSERT per pair
// into a keyed table cost about 12 us a pair (200,000 pairs: 2.4 s); a chunked append and one
// index build cost about 1 us.
import type Database from 'better-sqlite3';
import type { PairKey } from './pair-state.js';

const CHUNK = 256;

export class NamedPairs {
  private readonly pending: number[] = [];
  private readonly insertChunk: Database.Statement;
  private readonly insertOne: Database.Statement;
  private readonly insertChat: Database.Statement;
  private indexed = false;

  /** `write` runs a write of `rows` rows inside the state's open batch. */
  constructor(
    private readonly db: Database.Database,
    private readonly write: (write: () => void, rows?: number) => void,
  ) {
    db.exec('CREATE TEMP TABLE named (waba INTEGER NOT NULL, customer INTEGER NOT NULL, agent INTEGER NOT NULL)');
    this.insertChunk = db.prepare(`INSERT INTO temp.named (waba, customer, agent) VALUES ${Array(CHUNK).fill('(?, ?, ?)').join(', ')}`);
    this.insertOne = db.prepare('INSERT INTO temp.named (waba, customer, agent) VALUES (?, ?, ?)');
    // Only the pairs the state added matter to --mirror; the rest of the chat's pairs need no mark.
    this.insertChat = db.prepare('INSERT INTO temp.named (waba, customer, agent) SELECT waba, customer, agent FROM pairs WHERE waba = ? AND customer = ? AND added = 1');
  }

  /** The input names this pair (one the state holds as added). */
  add(key: PairKey): void {
    this.pending.push(key[0], key[1], key[2]);
    if (this.pending.length >= CHUNK * 3) this.flush();
  }

  /** The input names this chat but its agents cannot be read: every pair the state added in it counts as named. */
  addChat(waba: number, customer: number): void {
    this.write(() => this.insertChat.run(waba, customer));
  }

  /**
   * The SQL condition, on `pairs p`, that the input names p; what is pending goes in first, and the
   * table gets its index on first use.
   */
  condition(): string {
    this.flush();
    if (!this.indexed) {
      this.write(() => this.db.exec('CREATE INDEX temp.named_by_key ON named (waba, customer, agent)'));
      this.indexed = true;
    }
    return 'EXISTS (SELECT 1 FROM temp.named n WHERE n.waba = p.waba AND n.customer = p.customer AND n.agent = p.agent)';
  }

  private flush(): void {
    const keys = this.pending.splice(0);
    if (keys.length === 0) return;
    // Counted as the rows it holds: a batch of 1,000 chunks would keep 256,000 rows of dirty temp pages (8 MB more at 2,000,000 pairs).
    this.write(() => {
      let at = 0;
      for (; at + CHUNK * 3 <= keys.length; at += CHUNK * 3) this.insertChunk.run(keys.slice(at, at + CHUNK * 3));
      for (; at < keys.length; at += 3) this.insertOne.run(keys[at], keys[at + 1], keys[at + 2]);
    }, keys.length / 3);
  }
}
