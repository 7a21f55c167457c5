package org.minidb.sql.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minidb.planner.cost.CostParameters;

/** The planner's parameters a session's settings give, and reals shown as PostgreSQL's %g. */
class PlannerSettingsUnitTest {
  @Test
  void realsAreShownAsPrintfG() {
    assertEquals("4", RealSetting.format(4));
    assertEquals("0.0025", RealSetting.format(0.0025));
    assertEquals("1e-05", RealSetting.format(1e-5));
    assertEquals("0.0001", RealSetting.format(1e-4));
    assertEquals("123456", RealSetting.format(123456));
    assertEquals("1.23457e+06", RealSetting.format(1234567.5));
    assertEquals("1e+308", RealSetting.format(1e308));
    assertEquals("0", RealSetting.format(0));
  }

  @Test
  void defaultsAreSharedAndSetChangesTheParameters() {
    SessionSettings s = new SessionSettings(ServerSettings.of(Map.of()));
    assertSame(CostParameters.DEFAULTS, s.costParameters());
    s.set("enable_hashjoin", List.of("off"), false);
    s.set("random_page_cost", List.of("1.1"), false);
    s.set("work_mem", List.of("64MB"), false);
    s.set("effective_cache_size", List.of("1GB"), false);
    CostParameters p = s.costParameters();
    assertFalse(p.enabled(CostParameters.Method.HASHJOIN));
    assertEquals(1.0e10, p.disableCost(CostParameters.Method.HASHJOIN));
    assertEquals(1.1, p.randomPageCost());
    assertEquals(64.0 * 1024 * 1024, p.workMem());
    assertEquals(131072, p.effectiveCacheSize());
    s.resetAll(false);
    assertSame(CostParameters.DEFAULTS, s.costParameters());
  }
}
