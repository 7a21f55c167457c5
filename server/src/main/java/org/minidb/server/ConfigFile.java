package org.minidb.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minidb.common.error.DbException;
import org.minidb.common.error.SqlState;
import org.minidb.sql.settings.SettingDefinitions;

/**
 * Reads {@code minidb.conf} in postgresql.conf's format: one {@code name = value} per line (the {@code =} is
 * optional), {@code #} starts a comment, a value is a bare word or a single-quoted string in which {@code ''}
 * and backslash escape a quote. A later line for the same name wins. Errors name the file and line as
 * PostgreSQL does.
 */
final class ConfigFile {
  static final String FILE_NAME = "minidb.conf";

  private ConfigFile() {}

  /** The settings in the file, or none if it does not exist. */
  static Map<String, String> read(Path file) {
    if (!Files.exists(file)) return Map.of();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not open configuration file \"" + file + "\"", e);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) parseLine(lines.get(i), file, i + 1, settings);
    return settings;
  }

  static void parseLine(String line, Path file, int number, Map<String, String> into) {
    int pos = skipSpace(line, 0);
    if (pos >= line.length() || line.charAt(pos) == '#') return;
    int nameStart = pos;
    while (pos < line.length() && isNameChar(line.charAt(pos))) pos++;
    if (pos == nameStart) throw syntaxError(file, number, line.substring(nameStart));
    String name = line.substring(nameStart, pos);
    pos = skipSpace(line, pos);
    if (pos < line.length() && line.charAt(pos) == '=') pos = skipSpace(line, pos + 1);
    String value;
    if (pos < line.length() && line.charAt(pos) == '\'') {
      StringBuilder b = new StringBuilder();
      pos++;
      while (true) {
        if (pos >= line.length()) throw syntaxError(file, number, line.substring(nameStart));
        char c = line.charAt(pos);
        if (c == '\\' && pos + 1 < line.length()) {
          b.append(line.charAt(pos + 1));
          pos += 2;
        } else if (c == '\'') {
          if (pos + 1 < line.length() && line.charAt(pos + 1) == '\'') {
            b.append('\'');
            pos += 2;
          } else {
            pos++;
            break;
          }
        } else {
          b.append(c);
          pos++;
        }
      }
      value = b.toString();
    } else {
      int valueStart = pos;
      while (pos < line.length() && !Character.isWhitespace(line.charAt(pos)) && line.charAt(pos) != '#') pos++;
      if (pos == valueStart) throw syntaxError(file, number, "end of line");
      value = line.substring(valueStart, pos);
    }
    pos = skipSpace(line, pos);
    if (pos < line.length() && line.charAt(pos) != '#') throw syntaxError(file, number, line.substring(pos));
    if (SettingDefinitions.find(name) == null) {
      throw DbException.fatal(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name
          + "\" in file \"" + file + "\" line " + number);
    }
    into.put(SettingDefinitions.find(name).name(), value);
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
  }

  private static int skipSpace(String s, int pos) {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
    return pos;
  }

  private static DbException syntaxError(Path file, int line, String near) {
    return DbException.fatal(SqlState.CONFIG_FILE_ERROR, "syntax error in file \"" + file + "\" line " + line
        + ", near token \"" + near.strip() + "\"");
  }
}
