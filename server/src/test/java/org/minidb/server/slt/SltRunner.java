package org.minidb.server.slt;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the records of one sqllogictest file against a PostgreSQL-protocol server through JDBC, with the
 * reference runner's rules (see {@code shared/slt/README.md}): engine {@code postgresql}, one value per
 * line, {@code rowsort}/{@code valuesort}/{@code nosort}, MD5 over the hash threshold, labels sharing a
 * hash, a column count that differs fails.
 *
 * <p>A run never hangs: each statement has a query timeout (and the connection a socket timeout, see
 * {@link SltConnections}), the file has a time budget, and a connection broken by a failing statement is
 * re-opened, a bounded number of times in a row; a few records in a row running into the timeout stop
 * the file. A file whose first {@code earlyStopRecords} run records
 * all fail (a server that cannot even create its tables) stops early; records not run count as failed.
 */
public final class SltRunner {

    /** The engine name {@code skipif}/{@code onlyif} are matched against. */
    public static final String ENGINE = "postgresql";

    /** Consecutive failed attempts to open a connection after which the rest of the file is not run. */
    private static final int MAX_REOPEN_FAILURES = 3;

    /**
     * The hash threshold before a file sets one. The corpus was written with 8 ({@code select1.test}
     * has no {@code hash-threshold} line yet expects hashes for results of more than 8 values).
     */
    static final int DEFAULT_HASH_THRESHOLD = 8;

    /** Records in a row that ran into the record timeout after which the server counts as hung. */
    private static final int MAX_CONSECUTIVE_TIMEOUTS = 3;

    /** More values than this in one result fails the record rather than filling the heap. */
    private static final int MAX_VALUES = 5_000_000;

    /**
     * @param recordTimeout    the longest one statement may run
     * @param fileBudget       the longest one file may run; the records left count as failed
     * @param earlyStopRecords stop when this many run records have all failed (0: never)
     * @param sessionSetup     statements run on every new connection (e.g. {@code SET jit = off}); their
     *                         errors are ignored
     */
    public record Options(Duration recordTimeout, Duration fileBudget, int earlyStopRecords, List<String> sessionSetup) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(30), Duration.ofMinutes(5), 200, List.of());
        }
    }

    /** Opens a new connection to the database the file runs in. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final Options options;

    public SltRunner(Options options) {
        this.options = options;
    }

    public FileResult run(String file, List<SltRecord> records, ConnectionSource source) {
        return new FileRun(file, source).run(records);
    }

    /** The state of one file's run. */
    private final class FileRun {
        private final String file;
        private final ConnectionSource source;
        private final long startNanos = System.nanoTime();
        private final Map<String, String> labelHashes = new HashMap<>();
        private final List<FileResult.Failure> failures = new ArrayList<>();
        private Connection connection;
        private int reopenFailures;
        private boolean everConnected;
        private int consecutiveTimeouts;
        private int hashThreshold = DEFAULT_HASH_THRESHOLD;
        private int records, passed, failed, skipped;
        private String stopReason;

        FileRun(String file, ConnectionSource source) {
            this.file = file;
            this.source = source;
        }

        FileResult run(List<SltRecord> all) {
            try {
                for (SltRecord record : all) {
                    if (!record.runsOn(ENGINE)) {
                        if (record instanceof SltRecord.Statement || record instanceof SltRecord.Query) {
                            records++;
                            skipped++;
                        }
                        continue;
                    }
                    switch (record) {
                        case SltRecord.Halt h -> { return result(); }
                        case SltRecord.HashThreshold t -> hashThreshold = t.threshold();
                        case SltRecord.Statement s -> count(s.line(), timedRecord(s));
                        case SltRecord.Query q -> count(q.line(), timedRecord(q));
                    }
                }
                return result();
            } finally {
                closeQuietly();
            }
        }

        private FileResult result() {
            long millis = (System.nanoTime() - startNanos) / 1_000_000;
            return new FileResult(file, records, passed, failed, skipped, millis, List.copyOf(failures), stopReason);
        }

        private void count(int line, String failure) {
            records++;
            if (failure == null) {
                passed++;
                return;
            }
            failed++;
            failures.add(new FileResult.Failure(line, failure));
            if (stopReason == null && options.earlyStopRecords() > 0 && passed == 0
                    && failed >= options.earlyStopRecords()) {
                stopReason = "the first " + failed + " records all failed";
            }
        }

        /** {@link #runRecord}, stopping the file when records keep running into the timeout (a hung server). */
        private String timedRecord(SltRecord record) {
            long start = System.nanoTime();
            String failure = runRecord(record);
            boolean timedOut = failure != null && System.nanoTime() - start >= options.recordTimeout().toNanos();
            consecutiveTimeouts = timedOut ? consecutiveTimeouts + 1 : 0;
            if (consecutiveTimeouts >= MAX_CONSECUTIVE_TIMEOUTS && stopReason == null) {
                stopReason = consecutiveTimeouts + " records in a row ran into the "
                        + options.recordTimeout().toSeconds() + " s timeout";
            }
            return failure;
        }

        /** Runs one statement or query record; returns null when it passed, else why it failed. */
        private String runRecord(SltRecord record) {
            if (stopReason == null && System.nanoTime() - startNanos > options.fileBudget().toNanos()) {
                stopReason = "time budget of " + options.fileBudget().toSeconds() + " s exceeded";
            }
            if (stopReason != null) {
                return "not run: " + stopReason;
            }
            Connection c = connection();
            if (c == null) {
                return "cannot connect";
            }
            try (Statement statement = c.createStatement()) {
                statement.setQueryTimeout((int) Math.max(1, options.recordTimeout().toSeconds()));
                return switch (record) {
                    case SltRecord.Statement s -> {
                        statement.execute(s.sql());
                        yield s.expectError() ? "statement succeeded, expected an error" : null;
                    }
                    case SltRecord.Query q -> checkQuery(q, statement);
                    default -> throw new IllegalStateException("not a statement or query: " + record);
                };
            } catch (SQLException e) {
                if (isBroken(c, e)) {
                    closeQuietly();
                }
                if (record instanceof SltRecord.Statement s && s.expectError()) {
                    return null;
                }
                return "error " + e.getSQLState() + ": " + firstLine(e.getMessage());
            }
        }

        private String checkQuery(SltRecord.Query query, Statement statement) throws SQLException {
            if (!statement.execute(query.sql())) {
                return "no result set";
            }
            List<String> values = new ArrayList<>();
            List<String[]> rows = new ArrayList<>();
            try (ResultSet rs = statement.getResultSet()) {
                ResultSetMetaData meta = rs.getMetaData();
                int columns = meta.getColumnCount();
                if (columns != query.types().length()) {
                    return "expected " + query.types().length() + " columns, got " + columns;
                }
                ValueRenderer.ColumnKind[] kinds = new ValueRenderer.ColumnKind[columns];
                for (int i = 0; i < columns; i++) {
                    kinds[i] = ValueRenderer.ColumnKind.ofSqlType(meta.getColumnType(i + 1));
                }
                while (rs.next()) {
                    if ((long) rows.size() * columns > MAX_VALUES) {
                        return "more than " + MAX_VALUES + " values";
                    }
                    String[] row = new String[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = ValueRenderer.render(rs.getString(i + 1), kinds[i], query.types().charAt(i));
                    }
                    rows.add(row);
                }
            }
            if (query.sort() == SortMode.ROWSORT) {
                rows.sort(Arrays::compare); // column by column, each value as strcmp orders it
            }
            for (String[] row : rows) {
                values.addAll(Arrays.asList(row));
            }
            if (query.sort() == SortMode.VALUESORT) {
                values.sort(null);
            }
            String hash = ResultHasher.hashLine(values);
            List<String> actual = hashThreshold > 0 && values.size() > hashThreshold ? List.of(hash) : values;
            if (!actual.equals(query.expected())) {
                return "wrong result: got " + abbreviate(actual) + ", expected " + abbreviate(query.expected());
            }
            if (query.label() != null) {
                String earlier = labelHashes.putIfAbsent(query.label(), hash);
                if (earlier != null && !earlier.equals(hash)) {
                    return "label " + query.label() + " hashed to " + hash + " here, to " + earlier + " before";
                }
            }
            return null;
        }

        /** The open connection, opening one if needed; null once opening has failed too often in a row. */
        private Connection connection() {
            if (connection != null) {
                return connection;
            }
            if (stopReason != null) {
                return null;
            }
            try {
                connection = source.open();
                reopenFailures = 0;
                everConnected = true;
                for (String setup : options.sessionSetup()) {
                    try (Statement s = connection.createStatement()) {
                        s.execute(setup);
                    } catch (SQLException e) {
                        // A tuning setting (SET jit = off) the server may not know: the records decide.
                        if (isBroken(connection, e)) {
                            throw e;
                        }
                    }
                }
                return connection;
            } catch (SQLException e) {
                closeQuietly();
                // A server never reached is not retried: each try may cost the whole login timeout.
                if (++reopenFailures >= MAX_REOPEN_FAILURES || !everConnected) {
                    stopReason = "cannot connect: " + firstLine(e.getMessage());
                }
                return null;
            }
        }

        private void closeQuietly() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the connection is being thrown away because it is broken; nothing to save
                }
                connection = null;
            }
        }
    }

    /** Whether a failure left the connection unusable: a connection error, or a closed connection. */
    private static boolean isBroken(Connection c, SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
            return true;
        }
        try {
            return c.isClosed();
        } catch (SQLException closedCheck) {
            return true;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static String abbreviate(List<String> lines) {
        String s = String.join(" ", lines.subList(0, Math.min(lines.size(), 12)));
        return "[" + (s.length() > 200 ? s.substring(0, 200) + "..." : s) + (lines.size() > 12 ? " ..." : "") + "]";
    }
}
