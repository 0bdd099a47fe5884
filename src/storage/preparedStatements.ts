import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** A connection's statements, each prepared once. */
export class PreparedStatements {
  private readonly statements = new Map<string, StatementSync>();

  constructor(private readonly db: DatabaseSync) {}

  get(sql: string): StatementSync {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }
}
