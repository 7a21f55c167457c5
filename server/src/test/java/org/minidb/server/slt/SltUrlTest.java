package org.minidb.server.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs the corpus against the server {@code -Dslt.url} names (one that has {@code CREATE DATABASE}:
 * PostgreSQL) and checks that the records failing are exactly {@code pg15-failures.txt}. This is how
 * the runner itself is validated against PostgreSQL 15:
 * {@code mvn -o -pl server test -Dtest=SltUrlTest -Dslt.url='jdbc:postgresql://127.0.0.1:55432/postgres?user=postgres'}.
 */
@EnabledIfSystemProperty(named = "slt.url", matches = ".+")
class SltUrlTest {

    /** The runner's own file: broken connections, timeouts, labels, column counts, rendering. */
    @Test
    void judgesItsOwnRecordsAndRecovers() throws Exception {
        List<String> lines;
        try (var in = SltUrlTest.class.getResourceAsStream("/slt/robustness.test")) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
        SltMain.Target target = SltMain.Target.parse(System.getProperty("slt.url"));
        Duration recordTimeout = Duration.ofSeconds(2);
        SltDatabases databases = new PostgresDatabases(target.host(), target.port(), target.database(), target.user(),
                recordTimeout);
        SltRunner runner = new SltRunner(new SltRunner.Options(recordTimeout, Duration.ofMinutes(1), 0, List.of()));
        FileResult result;
        try (SltDatabases.FreshDatabase db = databases.create("robustness.test")) {
            result = runner.run("robustness.test", SltParser.parse("robustness.test", lines), db::open);
        }
        result.failures().forEach(f -> System.out.println("robustness.test:" + f.line() + " " + f.reason()));
        assertEquals(List.of(13, 27, 36, 42, 79), result.failures().stream().map(FileResult.Failure::line).toList(),
                "the records marked 'must fail', and only those");
        assertEquals(14, Stream.of(result.passed(), result.failed(), result.skipped()).mapToInt(i -> i).sum());
        assertEquals(9, result.passed());
    }

    @Test
    void failsExactlyWhatPostgres15Fails() throws Exception {
        SltCorpus corpus = SltCorpus.locate().orElseThrow(() -> new AssertionError(
                "no sqllogictest corpus: set -D" + SltCorpus.DIR_PROPERTY + " to the shared/slt folder"));
        // As the reference figures were taken: JIT off, so that timings do not depend on it.
        SltMain.Outcome outcome = SltMain.run(System.getProperty("slt.url"), corpus, List.of("SET jit = off"));
        SltMain.report(outcome, Path.of("target", "slt-url-results.txt"));
        assertEquals(corpus.files().size(), outcome.results().size());
        assertTrue(outcome.unexpectedFailures().isEmpty(), "records failing here but not in PostgreSQL 15: "
                + outcome.unexpectedFailures().stream().limit(20).toList());
        assertTrue(outcome.unexpectedPasses().isEmpty(), "records PostgreSQL 15 fails that pass here: "
                + outcome.unexpectedPasses().stream().limit(20).toList());
    }
}
