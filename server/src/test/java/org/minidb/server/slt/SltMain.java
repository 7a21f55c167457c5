package org.minidb.server.slt;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs the corpus against any PostgreSQL-protocol server that has {@code CREATE DATABASE}, given a
 * URL {@code jdbc:postgresql://HOST:PORT/DB?user=USER} (DB is where the per-file databases are created
 * from). Prints the per-file counts and how the failures differ from {@code pg15-failures.txt}.
 *
 * <p>From the test class path: {@code java -cp ... org.minidb.server.slt.SltMain URL [CORPUS_DIR]}; or
 * through JUnit: {@code mvn -o -pl server test -Dtest=SltUrlTest -Dslt.url=URL}.
 */
public final class SltMain {

    private SltMain() {}

    /** The server a URL names. */
    public record Target(String host, int port, String database, String user) {
        public static Target parse(String jdbcUrl) {
            if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("not a jdbc:postgresql:// URL: " + jdbcUrl);
            }
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            String user = "postgres";
            if (uri.getQuery() != null) {
                for (String pair : uri.getQuery().split("&")) {
                    if (pair.startsWith("user=")) {
                        user = pair.substring("user=".length());
                    }
                }
            }
            String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
            return new Target(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db, user);
        }
    }

    /** The outcome of a run against a URL: per-file results and the comparison with PostgreSQL 15's failures. */
    public record Outcome(List<FileResult> results, Set<String> unexpectedFailures, Set<String> unexpectedPasses) {}

    public static Outcome run(String jdbcUrl, SltCorpus corpus, List<String> sessionSetup) throws Exception {
        Target target = Target.parse(jdbcUrl);
        SltRunner.Options defaults = SltRunner.Options.defaults();
        // Against a reference server no early stop: every record must be judged.
        SltRunner.Options options = new SltRunner.Options(defaults.recordTimeout(), Duration.ofMinutes(10), 0, sessionSetup);
        SltDatabases databases = new PostgresDatabases(target.host(), target.port(), target.database(), target.user(),
                options.recordTimeout());
        List<FileResult> results = corpus.runAll(databases, new SltRunner(options), System.out);
        Set<String> failures = new TreeSet<>();
        for (FileResult r : results) {
            r.failures().forEach(f -> failures.add(r.file() + ":" + f.line()));
        }
        Set<String> expected = corpus.pg15Failures();
        Set<String> unexpectedFailures = new TreeSet<>(failures);
        unexpectedFailures.removeAll(expected);
        Set<String> unexpectedPasses = new TreeSet<>(expected);
        unexpectedPasses.removeAll(failures);
        return new Outcome(results, unexpectedFailures, unexpectedPasses);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SltMain jdbc:postgresql://HOST:PORT/DB?user=USER [CORPUS_DIR]");
            System.exit(2);
        }
        if (args.length > 1) {
            System.setProperty(SltCorpus.DIR_PROPERTY, args[1]);
        }
        SltCorpus corpus = SltCorpus.locate().orElseThrow(() -> new IllegalStateException(
                "no sqllogictest corpus found; pass its folder (shared/slt) as the second argument"));
        Outcome outcome = run(args[0], corpus, List.of("SET jit = off"));
        report(outcome, Path.of("slt-url-results.txt"));
    }

    /** Prints and writes the summary, and prints the first differences from PostgreSQL 15's failures. */
    static void report(Outcome outcome, Path resultsFile) throws Exception {
        SltCorpus.writeResults(resultsFile, outcome.results());
        SltCorpus.writeFailures(resultsFile.resolveSibling("slt-url-failures.txt"), outcome.results(), 1000);
        SltCorpus.summary(outcome.results()).forEach(System.out::println);
        System.out.println("failing here but not in PostgreSQL 15: " + outcome.unexpectedFailures().size());
        print(outcome.unexpectedFailures(), outcome.results());
        System.out.println("failing in PostgreSQL 15 but not here: " + outcome.unexpectedPasses().size());
        outcome.unexpectedPasses().stream().limit(20).forEach(s -> System.out.println("  " + s));
    }

    private static void print(Set<String> fileLines, List<FileResult> results) {
        List<String> shown = new ArrayList<>();
        for (FileResult r : results) {
            for (FileResult.Failure f : r.failures()) {
                if (shown.size() < 20 && fileLines.contains(r.file() + ":" + f.line())) {
                    shown.add("  " + r.file() + ":" + f.line() + " " + f.reason());
                }
            }
        }
        shown.forEach(System.out::println);
    }
}
