import type Database from 'better-sqlite3';

/**
 * Makes `db.prepare` compile each SQL text once and hand back the same statement after.
 * The store's queries are fixed strings, so the cache is bounded by the code, not the data.
 * Statements are only run to completion (run, get, all), never iterated, so sharing is safe.
 */
export function memoizePrepare(db: Database.Database): Database.Database {
  const prepare = db.prepare.bind(db);
  const statements = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = prepare(sql);
      statements.set(sql, statement);
    }

    return statement;
  }) as typeof db.prepare;
  return db;
}
