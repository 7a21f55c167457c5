package org.minidb.planner.ddl;

import java.nio.charset.StandardCharsets;
import org.apache.calcite.sql.SqlIdentifier;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.planner.QualifiedName;
import org.minidb.planner.parse.SourceMap;

/** Object names as PostgreSQL takes them from DDL: at most 63 bytes, at most schema.name. */
final class Identifiers {
  private Identifiers() {}

  /** NAMEDATALEN - 1: the longest name PostgreSQL keeps, in bytes. */
  static final int MAX_NAME_BYTES = 63;

  /** Cuts a name to 63 bytes, at a character boundary, as PostgreSQL does (it also sends a NOTICE). */
  static String truncate(String name) {
    return clip(name, MAX_NAME_BYTES);
  }

  /** The longest prefix of {@code s} whose UTF-8 encoding fits in {@code maxBytes}. */
  static String clip(String s, int maxBytes) {
    if (utf8Length(s) <= maxBytes) return s;
    int bytes = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + len > maxBytes) break;
      bytes += len;
      i += Character.charCount(cp);
    }
    return s.substring(0, i);
  }

  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * A table name: {@code name} or {@code schema.name}. {@code db.schema.name} is refused as PostgreSQL refuses
   * a name in another database, longer names as improper.
   */
  static QualifiedName qualifiedName(SqlIdentifier id, SourceMap source) {
    int position = source.position(id.getParserPosition());
    if (id.isStar()) {
      throw DbException.of(SqlState.SYNTAX_ERROR, "improper qualified name: " + id).withPosition(position);
    }
    return switch (id.names.size()) {
      case 1 -> new QualifiedName(null, truncate(id.names.get(0)));
      case 2 -> new QualifiedName(truncate(id.names.get(0)), truncate(id.names.get(1)));
      case 3 -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
          "cross-database references are not implemented: \"" + String.join(".", id.names) + "\"")
          .withPosition(position);
      default -> throw DbException.of(SqlState.SYNTAX_ERROR,
          "improper qualified name (too many dotted names): " + String.join(".", id.names))
          .withPosition(position);
    };
  }
}
