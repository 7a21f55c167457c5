package org.minidb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidb.common.error.DbException;
import org.minidb.sql.settings.ServerSettings;

class ConfigurationTest {
  @TempDir Path dir;

  @Test
  void flagsWinOverEnvironmentWhichWinsOverTheFile() throws Exception {
    Files.writeString(dir.resolve("minidb.conf"), """
        # a comment
        shared_buffers = 16MB          # trailing comment
        work_mem '8MB'
        port = 6000
        listen_addresses = 'localhost'
        log_min_messages = warning
        """);
    CommandLine cl = CommandLine.parse("-D", dir.toString(), "-p", "7000", "-c", "work_mem=1MB");
    ServerOptions options = Configuration.resolve(cl, Map.of("MINIDB_PORT", "6500", "MINIDB_SHARED_BUFFERS", "32MB",
        "MINIDB_UNRELATED", "x"));
    ServerSettings s = ServerSettings.of(options.settings());
    assertEquals(dir, options.dataDirectory());
    assertEquals("7000", s.get("port"));          // flag over env over file
    assertEquals("32MB", s.get("shared_buffers")); // env over file
    assertEquals("1MB", s.get("work_mem"));        // -c over file
    assertEquals("localhost", s.get("listen_addresses"));
    assertEquals("warning", s.get("log_min_messages"));
  }

  @Test
  void commandLineForms() {
    CommandLine cl = CommandLine.parse("-Dmydata", "-h", "0.0.0.0", "--work-mem=2MB", "-cport=1");
    assertEquals(Path.of("mydata"), cl.dataDirectory());
    assertEquals(Map.of("listen_addresses", "0.0.0.0", "work_mem", "2MB", "port", "1"), cl.settings());
    assertTrue(CommandLine.parse("--help").help());
    assertEquals(Path.of("data"), Configuration.resolve(CommandLine.parse(), Map.of()).dataDirectory());
    assertThrows(DbException.class, () -> CommandLine.parse("-p"));
    assertThrows(DbException.class, () -> CommandLine.parse("bogus"));
  }

  @Test
  void badSettingsAreRejectedWithPostgresMessages() throws Exception {
    DbException e = assertThrows(DbException.class,
        () -> Configuration.resolve(CommandLine.parse("-D", dir.toString(), "-c", "nonsense=1"), Map.of()));
    assertEquals("unrecognized configuration parameter \"nonsense\"", e.getMessage());
    e = assertThrows(DbException.class,
        () -> Configuration.resolve(CommandLine.parse("-D", dir.toString()), Map.of("MINIDB_SHARED_BUFFERS", "lots")));
    assertTrue(e.getMessage().startsWith("invalid value for parameter \"shared_buffers\""), e.getMessage());
    Files.writeString(dir.resolve("minidb.conf"), "port = = 5\n");
    e = assertThrows(DbException.class, () -> Configuration.resolve(CommandLine.parse("-D", dir.toString()), Map.of()));
    assertTrue(e.getMessage().startsWith("syntax error in file"), e.getMessage());
    Files.writeString(dir.resolve("minidb.conf"), "\nno_such_setting = 5\n");
    e = assertThrows(DbException.class, () -> Configuration.resolve(CommandLine.parse("-D", dir.toString()), Map.of()));
    assertTrue(e.getMessage().contains("\"no_such_setting\"") && e.getMessage().endsWith("line 2"), e.getMessage());
  }

  @Test
  void quotedValuesKeepEscapes() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    ConfigFile.parseLine("application_name = 'it''s \\'x\\' # not a comment'  # comment", dir, 1, m);
    assertEquals("it's 'x' # not a comment", m.get("application_name"));
  }
}
