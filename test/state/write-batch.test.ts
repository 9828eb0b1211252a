import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WriteBatch } from '../../src/state/write-batch.js';
import { tempDir } from './helpers.js';

function table(): Database.Database {
  const db = new Database(join(tempDir(), 'batch.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (n INTEGER)');
  return db;
}

describe('WriteBatch', () => {
  it('commits every maxWrites writes, and at commit()', () => {
    const db = table();
    const batch = new WriteBatch(db, 'BEGIN IMMEDIATE', () => undefined, { maxWrites: 3, maxAgeMs: 60_000 });
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    for (const n of [1, 2]) batch.write(() => insert.run(n));
    expect(db.inTransaction).toBe(true);
    batch.write(() => insert.run(3));
    expect(db.inTransaction).toBe(false);
    batch.write(() => insert.run(4));
    expect(batch.commit()).toBeUndefined();
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(4);
    db.close();
  });

  it('counts a write of many rows as that many towards maxWrites', () => {
    const db = table();
    const batch = new WriteBatch(db, 'BEGIN IMMEDIATE', () => undefined, { maxWrites: 10, maxAgeMs: 60_000 });
    const many = db.prepare('INSERT INTO t (n) VALUES (1), (2), (3), (4), (5), (6)');
    batch.write(() => many.run(), 6);
    expect(db.inTransaction).toBe(true);
    batch.write(() => many.run(), 6);
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  it('runs reads inside the open batch (opening one), seeing its writes, without counting them as writes', () => {
    const db = table();
    const batch = new WriteBatch(db, 'BEGIN IMMEDIATE', () => undefined, { maxWrites: 2, maxAgeMs: 60_000 });
    const count = db.prepare('SELECT count(*) FROM t').pluck();
    expect(batch.read(() => count.get())).toBe(0);
    expect(db.inTransaction).toBe(true);
    batch.write(() => db.prepare('INSERT INTO t (n) VALUES (1)').run());
    for (let i = 0; i < 5; i++) expect(batch.read(() => count.get())).toBe(1);
    // Five reads did not reach maxWrites: the batch is still open until its second write.
    expect(db.inTransaction).toBe(true);
    batch.write(() => db.prepare('INSERT INTO t (n) VALUES (2)').run());
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  it('commits a batch opened by a read after maxAgeMs', async () => {
    const db = table();
    const batch = new WriteBatch(db, 'BEGIN IMMEDIATE', () => undefined, { maxWrites: 1000, maxAgeMs: 10 });
    batch.read(() => db.prepare('SELECT 1').get());
    expect(db.inTransaction).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(db.inTransaction).toBe(false);
    db.close();
  });
});
