package org.minidb.sql;

import java.util.Map;

/**
 * The database server as the wire front end sees it: opens sessions. Implemented over the storage, the
 * planner and the plan cache.
 */
public interface Engine extends AutoCloseable {
  /**
   * Authenticates (trust for now) and opens a session.
   *
   * @param startupParameters the StartupMessage's parameters: user, database, application_name, options, ...
   * @throws org.minidb.common.error.DbException FATAL 28000 for an unknown role, 3D000 for an unknown
   *     database, 22023 for a bad setting in the parameters
   */
  Session connect(Map<String, String> startupParameters);

  @Override
  void close();
}
