package org.minidb.server.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The runner's bookkeeping and its bounds, against fake connections (no server): results and rendering
 * are checked against PostgreSQL itself by {@link SltUrlTest}.
 */
class SltRunnerTest {

    /** How the fake server answers one statement: return normally (no result set), or throw. */
    @FunctionalInterface
    interface FakeServer {
        void execute(String sql) throws SQLException;
    }

    private static SltRunner.ConnectionSource fake(FakeServer server, AtomicInteger opened) {
        return () -> {
            opened.incrementAndGet();
            boolean[] closed = {false};
            Statement statement = (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(),
                    new Class<?>[] {Statement.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "execute" -> {
                            try {
                                server.execute((String) args[0]);
                            } catch (SQLException e) {
                                closed[0] |= e.getSQLState().startsWith("08");
                                throw e;
                            }
                            yield false;
                        }
                        default -> null;
                    });
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "createStatement" -> statement;
                        case "isClosed" -> closed[0];
                        case "close" -> { closed[0] = true; yield null; }
                        default -> null;
                    });
        };
    }

    private static List<SltRecord> statements(int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.addAll(List.of("statement ok", "INSERT INTO t VALUES(" + i + ")", ""));
        }
        lines.addAll(List.of("skipif postgresql", "statement ok", "SELECT 1", ""));
        return SltParser.parse("fake.test", lines);
    }

    private static SltRunner runner(Duration recordTimeout, int earlyStop) {
        return new SltRunner(new SltRunner.Options(recordTimeout, Duration.ofMinutes(1), earlyStop, List.of()));
    }

    @Test
    void countsPassesFailuresAndSkips() {
        AtomicInteger opened = new AtomicInteger();
        FileResult r = runner(Duration.ofSeconds(5), 0).run("fake.test", statements(10), fake(sql -> {
            if (sql.contains("(3)")) {
                throw new SQLException("duplicate", "23505");
            }
        }, opened));
        assertEquals(11, r.records());
        assertEquals(9, r.passed());
        assertEquals(1, r.failed());
        assertEquals(1, r.skipped());
        assertEquals(10, r.failures().getFirst().line(), "the fourth record starts on line 10");
        assertNull(r.stopReason());
        assertEquals(1, opened.get(), "an error that leaves the connection usable keeps it");
    }

    @Test
    void reopensAConnectionBrokenByAStatement() {
        AtomicInteger opened = new AtomicInteger();
        FileResult r = runner(Duration.ofSeconds(5), 0).run("fake.test", statements(10), fake(sql -> {
            if (sql.contains("(2)") || sql.contains("(5)")) {
                throw new SQLException("connection reset", "08006");
            }
        }, opened));
        assertEquals(8, r.passed());
        assertEquals(2, r.failed());
        assertEquals(3, opened.get());
    }

    @Test
    void stopsEarlyWhenTheFirstRecordsAllFail() {
        FileResult r = runner(Duration.ofSeconds(5), 20).run("fake.test", statements(100), fake(sql -> {
            throw new SQLException("PRIMARY KEY is not supported", "0A000");
        }, new AtomicInteger()));
        assertEquals(0, r.passed());
        assertEquals(100, r.failed(), "records not run count as failed");
        assertEquals(1, r.skipped());
        assertNotNull(r.stopReason());
        assertTrue(r.failures().getLast().reason().startsWith("not run"));
    }

    @Test
    void stopsWhenTheServerCannotBeReached() {
        FileResult r = runner(Duration.ofSeconds(5), 0).run("fake.test", statements(50), () -> {
            throw new SQLException("Connection refused", "08001");
        });
        assertEquals(50, r.failed());
        assertTrue(r.stopReason().startsWith("cannot connect"), r.stopReason());
    }

    @Test
    void stopsWhenRecordsKeepRunningIntoTheTimeout() {
        // A server that answers each statement only after the record timeout: a hung server, bounded.
        FileResult r = runner(Duration.ofSeconds(1), 0).run("fake.test", statements(50), fake(sql -> {
            try {
                Thread.sleep(1_050);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SQLException("canceling statement due to user request", "57014");
        }, new AtomicInteger()));
        assertEquals(50, r.failed());
        assertTrue(r.stopReason().contains("timeout"), r.stopReason());
    }
}
