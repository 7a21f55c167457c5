package org.minidb.e2e;

/** The isolation levels the isolation tests run at, with PostgreSQL's names. */
enum TxLevel {
  READ_COMMITTED("read committed"), REPEATABLE_READ("repeatable read"), SERIALIZABLE("serializable");

  final String sqlName;

  TxLevel(String sqlName) { this.sqlName = sqlName; }

  /** The expected outcome at this level. */
  <T> T pick(T readCommitted, T repeatableRead, T serializable) {
    return switch (this) {
      case READ_COMMITTED -> readCommitted;
      case REPEATABLE_READ -> repeatableRead;
      case SERIALIZABLE -> serializable;
    };
  }
}
