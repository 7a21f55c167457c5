package org.minidb.server.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
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
