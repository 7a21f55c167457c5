package org.minidb.server.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Runs every file of the sqllogictest corpus ({@code ../shared/slt} from the repository root, or
 * {@code -Dslt.dir}) against MiniDB, each file on a fresh server with its own data directory; writes the
 * per-file counts to {@code server/target/slt-results.txt} (and the first failures of each file, with
 * their reasons, to {@code slt-failures.txt}); fails when a file passes fewer records than its line in
 * {@code slt/baseline.txt}.
 *
 * <p>Bounded: a per-record timeout, a per-file budget ({@code -Dslt.fileBudgetSeconds}, default 120), and
 * an early stop when a file's first records all fail ({@code -Dslt.earlyStop}, default 100).
 */
class SltSuiteTest {

    @Test
    void noFileFallsBelowItsBaseline() throws Exception {
        Optional<SltCorpus> corpus = SltCorpus.locate();
        assumeTrue(corpus.isPresent(), "sqllogictest corpus not found (expected shared/slt beside the repository,"
                + " i.e. ../shared/slt from its root; or set -D" + SltCorpus.DIR_PROPERTY + "=DIR): skipping");

        Duration recordTimeout = Duration.ofSeconds(Long.getLong("slt.recordTimeoutSeconds", 10));
        SltRunner.Options options = new SltRunner.Options(recordTimeout,
                Duration.ofSeconds(Long.getLong("slt.fileBudgetSeconds", 120)),
                Integer.getInteger("slt.earlyStop", 100), List.of());
        List<FileResult> results = corpus.get().runAll(new MiniDbDatabases(new MiniDbLauncher(), recordTimeout),
                new SltRunner(options), System.out);

        Path target = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target");
        SltCorpus.writeResults(target.resolve("slt-results.txt"), results);
        SltCorpus.writeFailures(target.resolve("slt-failures.txt"), results, 50);
        SltCorpus.summary(results).forEach(line -> System.out.println("slt: " + line));

        SltBaseline baseline = SltBaseline.load();
        List<String> regressions = new ArrayList<>();
        for (FileResult r : results) {
            int floor = baseline.of(r.file());
            if (r.passed() < floor) {
                regressions.add(r.file() + " passed " + r.passed() + ", below its baseline " + floor);
            } else if (r.passed() > floor) {
                System.out.println("slt: " + r.file() + " passed " + r.passed() + ", above its baseline " + floor
                        + ": raise it in server/src/test/resources/slt/baseline.txt");
            }
        }
        assertEquals(corpus.get().files().size(), results.size(), "every file of files.txt runs");
        assertTrue(regressions.isEmpty(), "sqllogictest regressions (see server/target/slt-failures.txt): "
                + regressions);
    }
}
