package org.minidb.server;

import org.minidb.common.error.DbException;

/**
 * {@code minidb}: starts the server in the foreground, like the {@code postgres} binary, and shuts it down
 * cleanly on SIGTERM or SIGINT (a shutdown hook). Configuration errors end the process with status 1 and
 * PostgreSQL's message.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    ServerOptions options;
    try {
      CommandLine commandLine = CommandLine.parse(args);
      if (commandLine.help()) {
        System.out.print(CommandLine.USAGE);
        return;
      }
      options = Configuration.resolve(commandLine, System.getenv());
    } catch (DbException e) {
      System.err.println("minidb: " + e.getMessage() + (e.hint() == null ? "" : "\n" + e.hint()));
      System.exit(1);
      return;
    }
    MiniDbServer server;
    try {
      server = MiniDbServer.start(options);
    } catch (DbException e) {
      System.err.println("FATAL:  " + e.getMessage() + (e.hint() == null ? "" : "\nHINT:  " + e.hint()));
      System.exit(1);
      return;
    } catch (Throwable e) {
      System.err.println("FATAL:  could not start the server: " + e);
      e.printStackTrace();
      System.exit(1);
      return;
    }
    // SIGTERM and SIGINT ask for a clean shutdown, as PostgreSQL's smart/fast shutdown: the main thread then
    // returns and the process exits 0 with its last log lines written. The hook covers other exits.
    for (String signal : new String[] {"TERM", "INT"}) {
      sun.misc.Signal.handle(new sun.misc.Signal(signal),
          s -> Thread.ofPlatform().name("shutdown-" + s.getName()).start(server::close));
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
    try {
      server.awaitShutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
