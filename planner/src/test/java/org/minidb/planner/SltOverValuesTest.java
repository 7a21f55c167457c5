package org.minidb.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SQLite's select1/select2 (correlated sub-queries, CASE, EXISTS, arithmetic, ORDER BY ordinals) through
 * planner and executor over VALUES; skipped when the shared corpus is not checked out beside the project.
 */
class SltOverValuesTest {
  private static final Path CORPUS = Path.of("../../shared/slt/test");

  @ParameterizedTest
  @ValueSource(strings = {"select1.test", "select2.test"})
  void everyQueryGivesTheExpectedResult(String file) throws Exception {
    Path path = CORPUS.resolve(file);
    assumeTrue(Files.isReadable(path), "sqllogictest corpus not found at " + path.toAbsolutePath());
    SltOverValues.Outcome outcome = new SltOverValues().run(path);
    assertEquals(0, outcome.failed(), String.join("\n", outcome.failures()));
    assertEquals(1000, outcome.passed());
  }
}
