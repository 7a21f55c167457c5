package org.minidb.sql.copy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.minidb.sql.CopyInStream;

/**
 * Cuts COPY FROM STDIN's byte stream into records, as PostgreSQL's CopyReadLine: a record is a line (ended by
 * {@code \n} or {@code \r\n}; the last one may lack it); in CSV a quoted field may span lines, so a line that
 * ends inside quotes continues with the next. A line {@code \.} alone ends the data. Only the current chunk
 * and the current line are held: input of any size streams through.
 */
public final class CopyRecordReader {
  private final CopyInStream in;
  private final CopyOptions options;
  private byte[] chunk = new byte[0];
  private int chunkPos;
  private boolean ended;
  private byte[] line = new byte[256];
  private int lineLength;
  private long lineNumber;

  public CopyRecordReader(CopyInStream in, CopyOptions options) {
    this.in = in;
    this.options = options;
  }

  /** The line number of the last line read (1-based), for error context. */
  public long lineNumber() { return lineNumber; }

  /** The next record's text without its line end, or null at the end of the data. */
  public String next() {
    String first = readLine();
    if (first == null || first.equals("\\.")) return finish(first);
    if (!options.csv() || !endsInQuotes(first, false)) return first;
    StringBuilder record = new StringBuilder(first);
    boolean inQuotes = true;
    while (inQuotes) {
      String more = readLine();
      if (more == null) break; // the field parser reports the unterminated quote
      record.append('\n').append(more);
      inQuotes = endsInQuotes(more, true);
    }
    return record.toString();
  }

  /** At {@code \.} the rest of the stream (up to CopyDone) is read and ignored, as PostgreSQL does. */
  private String finish(String last) {
    if (last != null) {
      while (!ended) readLine();
    }
    return null;
  }

  /** Whether a CSV line that starts inside quotes ({@code inQuotes}) or not ends inside them. */
  private boolean endsInQuotes(String text, boolean inQuotes) {
    char quote = options.quote();
    char escape = options.escape();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!inQuotes) {
        if (c == quote) inQuotes = true;
      } else if (c == escape && escape != quote && i + 1 < text.length()
          && (text.charAt(i + 1) == quote || text.charAt(i + 1) == escape)) {
        i++;
      } else if (c == quote) {
        if (escape == quote && i + 1 < text.length() && text.charAt(i + 1) == quote) i++;
        else inQuotes = false;
      }
    }
    return inQuotes;
  }

  /** The next line (UTF-8) without {@code \n} or {@code \r\n}, or null at CopyDone. */
  private String readLine() {
    lineLength = 0;
    while (true) {
      if (chunkPos >= chunk.length) {
        if (ended) break;
        byte[] nextChunk = in.next();
        if (nextChunk == null) {
          ended = true;
          break;
        }
        chunk = nextChunk;
        chunkPos = 0;
        continue;
      }
      int newline = indexOf(chunk, (byte) '\n', chunkPos);
      int end = newline < 0 ? chunk.length : newline;
      append(chunk, chunkPos, end - chunkPos);
      chunkPos = newline < 0 ? chunk.length : newline + 1;
      if (newline >= 0) {
        lineNumber++;
        return text(true);
      }
    }
    if (lineLength == 0) return null; // nothing after the last line end
    lineNumber++;
    return text(false);
  }

  private String text(boolean terminated) {
    int length = lineLength;
    if (terminated && length > 0 && line[length - 1] == '\r') length--;
    return new String(line, 0, length, StandardCharsets.UTF_8);
  }

  private void append(byte[] src, int from, int length) {
    if (lineLength + length > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
    System.arraycopy(src, from, line, lineLength, length);
    lineLength += length;
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) return i;
    }
    return -1;
  }
}
