package org.minidb.server.slt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a sqllogictest file into records, with the reference runner's rules: a blank line ends a
 * record, every line starting with {@code #} is a comment wherever it appears, a query's SQL runs to a
 * line {@code ----} and its expected lines to the next blank line, {@code skipif}/{@code onlyif} lines
 * attach to the record that follows them.
 */
public final class SltParser {

    private final String fileName;
    private final List<String> lines;
    private int next; // index of the next unread line; only ever grows, so parsing terminates

    private SltParser(String fileName, List<String> lines) {
        this.fileName = fileName;
        this.lines = lines;
    }

    public static List<SltRecord> parse(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    public static List<SltRecord> parse(String fileName, List<String> lines) {
        return new SltParser(fileName, lines).records();
    }

    private List<SltRecord> records() {
        List<SltRecord> records = new ArrayList<>();
        List<SltRecord.Condition> conditions = new ArrayList<>();
        int blockStart = 0; // the first line of the current block: a record is named by it, conditions included
        while (next < lines.size()) {
            String line = lines.get(next);
            int lineNumber = ++next;
            if (isBlank(line)) {
                conditions.clear(); // conditions belong to the record they precede, within one block
                blockStart = 0;
                continue;
            }
            if (isComment(line)) {
                continue;
            }
            if (blockStart == 0) {
                blockStart = lineNumber;
            }
            int recordLine = blockStart;
            String[] words = line.trim().split("\\s+");
            switch (words[0]) {
                case "skipif", "onlyif" -> {
                    require(words.length >= 2, lineNumber, "missing engine name");
                    conditions.add(new SltRecord.Condition(words[0].equals("skipif"), words[1]));
                }
                case "statement" -> {
                    require(words.length >= 2 && (words[1].equals("ok") || words[1].equals("error")),
                            lineNumber, "expected 'statement ok' or 'statement error'");
                    String sql = String.join("\n", readUntil(false));
                    records.add(new SltRecord.Statement(recordLine, List.copyOf(conditions),
                            words[1].equals("error"), sql));
                    conditions.clear();
                    blockStart = 0;
                }
                case "query" -> {
                    require(words.length >= 2, lineNumber, "missing column types");
                    SortMode sort = words.length >= 3 ? parseSort(words[2], lineNumber) : SortMode.NOSORT;
                    String label = words.length >= 4 ? words[3] : null;
                    String sql = String.join("\n", readUntil(true));
                    List<String> expected = List.of();
                    if (next < lines.size() && lines.get(next).equals("----")) {
                        next++;
                        expected = readUntil(false);
                    }
                    records.add(new SltRecord.Query(recordLine, List.copyOf(conditions), words[1], sort, label,
                            sql, expected));
                    conditions.clear();
                    blockStart = 0;
                }
                case "hash-threshold" -> {
                    require(words.length >= 2, lineNumber, "missing threshold");
                    records.add(new SltRecord.HashThreshold(recordLine, List.copyOf(conditions),
                            Integer.parseInt(words[1])));
                    conditions.clear();
                    blockStart = 0;
                }
                case "halt" -> {
                    records.add(new SltRecord.Halt(recordLine, List.copyOf(conditions)));
                    conditions.clear();
                    blockStart = 0;
                }
                default -> throw new IllegalArgumentException(fileName + ":" + lineNumber + ": unknown record: " + line);
            }
        }
        return records;
    }

    /** Lines up to a blank line (consumed) or, when {@code stopAtDashes}, a {@code ----} line (left unread). */
    private List<String> readUntil(boolean stopAtDashes) {
        List<String> body = new ArrayList<>();
        while (next < lines.size()) {
            String line = lines.get(next);
            if (stopAtDashes && line.equals("----")) {
                break;
            }
            next++;
            if (isBlank(line)) {
                break;
            }
            if (!isComment(line)) {
                body.add(line);
            }
        }
        return body;
    }

    private SortMode parseSort(String word, int lineNumber) {
        try {
            return SortMode.parse(word);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(fileName + ":" + lineNumber + ": " + e.getMessage(), e);
        }
    }

    private void require(boolean condition, int lineNumber, String message) {
        if (!condition) {
            throw new IllegalArgumentException(fileName + ":" + lineNumber + ": " + message);
        }
    }

    private static boolean isBlank(String line) {
        return line.isBlank();
    }

    private static boolean isComment(String line) {
        return line.startsWith("#");
    }
}
