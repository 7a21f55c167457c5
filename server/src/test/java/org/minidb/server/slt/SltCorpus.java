package org.minidb.server.slt;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The corpus folder ({@code shared/slt}: {@code files.txt}, the {@code .test} files, and
 * {@code pg15-failures.txt}) and running all of its files, each in a fresh database.
 */
public record SltCorpus(Path root) {

    /** The system property that names the corpus folder. */
    public static final String DIR_PROPERTY = "slt.dir";

    /**
     * The corpus: the folder {@code -Dslt.dir} names, else {@code shared/slt} next to the repository
     * (found by walking up from the working directory, a few levels at most).
     */
    public static Optional<SltCorpus> locate() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Paths.get(configured).toAbsolutePath().normalize();
            return Files.isRegularFile(dir.resolve("files.txt")) ? Optional.of(new SltCorpus(dir)) : Optional.empty();
        }
        Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (int depth = 0; dir != null && depth < 6; depth++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("slt");
            if (Files.isRegularFile(candidate.resolve("files.txt"))) {
                return Optional.of(new SltCorpus(candidate.normalize()));
            }
        }
        return Optional.empty();
    }

    /** The files to run, relative to the root, in {@code files.txt}'s order. */
    public List<String> files() throws IOException {
        return nonCommentLines(root.resolve("files.txt"));
    }

    /** The records PostgreSQL 15 fails, as {@code FILE:LINE}. */
    public Set<String> pg15Failures() throws IOException {
        return new LinkedHashSet<>(nonCommentLines(root.resolve("pg15-failures.txt")));
    }

    /** Runs every file in a fresh database of {@code databases}, printing each file's line as it ends. */
    public List<FileResult> runAll(SltDatabases databases, SltRunner runner, PrintStream log) throws Exception {
        List<FileResult> results = new ArrayList<>();
        for (String file : files()) {
            List<SltRecord> records = SltParser.parse(root.resolve(file));
            FileResult result;
            SltDatabases.FreshDatabase db;
            try {
                db = databases.create(file);
            } catch (Exception e) {
                // No database, no records: every record runs into "cannot connect" and the file stops.
                SQLException cause = new SQLException("cannot create a database for " + file + ": " + e, "08001", e);
                result = runner.run(file, records, () -> { throw cause; });
                log.println("slt: " + result.summaryLine());
                results.add(result);
                continue;
            }
            try (db) {
                result = runner.run(file, records, db::open);
            }
            log.println("slt: " + result.summaryLine());
            results.add(result);
        }
        return results;
    }

    /** Writes {@code path records run passed failed skipped millis} per file, then the totals. */
    public static void writeResults(Path out, List<FileResult> results) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, summary(results), StandardCharsets.UTF_8);
    }

    public static List<String> summary(List<FileResult> results) {
        List<String> lines = new ArrayList<>();
        lines.add("# file records run passed failed skipped millis");
        long records = 0, run = 0, passed = 0, failed = 0, skipped = 0, millis = 0;
        for (FileResult r : results) {
            lines.add(r.summaryLine());
            records += r.records();
            run += r.run();
            passed += r.passed();
            failed += r.failed();
            skipped += r.skipped();
            millis += r.elapsedMillis();
        }
        lines.add("# total " + records + " " + run + " " + passed + " " + failed + " " + skipped + " " + millis);
        return lines;
    }

    /** Writes the first {@code perFile} failures of each file, {@code FILE:LINE reason}, for whoever fixes them. */
    public static void writeFailures(Path out, List<FileResult> results, int perFile) throws IOException {
        List<String> lines = new ArrayList<>();
        for (FileResult r : results) {
            r.failures().stream().limit(perFile).forEach(f -> lines.add(r.file() + ":" + f.line() + " " + f.reason()));
            if (r.failures().size() > perFile) {
                lines.add("# " + r.file() + ": " + (r.failures().size() - perFile) + " more");
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, lines, StandardCharsets.UTF_8);
    }

    static List<String> nonCommentLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                lines.add(trimmed);
            }
        }
        return lines;
    }
}
