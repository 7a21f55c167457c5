package org.minidb.server.slt;

import java.util.List;

/**
 * The outcome of one file: {@code records} statement and query records, of which {@code skipped} were
 * not for this engine and {@code run = passed + failed} were run (records left out by an early stop
 * count as failed). {@code stopReason} is null unless the run stopped before the end of the file.
 */
public record FileResult(String file, int records, int passed, int failed, int skipped, long elapsedMillis,
                         List<Failure> failures, String stopReason) {

    /** One failed record: its line (where its {@code statement}/{@code query} line is) and why. */
    public record Failure(int line, String reason) {}

    public int run() {
        return passed + failed;
    }

    /** One line of the results file: {@code path records run passed failed skipped millis}. */
    public String summaryLine() {
        return file + " " + records + " " + run() + " " + passed + " " + failed + " " + skipped + " " + elapsedMillis
                + (stopReason == null ? "" : "  # stopped: " + stopReason);
    }
}
