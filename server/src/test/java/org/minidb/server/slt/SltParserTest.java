package org.minidb.server.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SltParserTest {

    private static final List<String> FILE = List.of(
            "hash-threshold 8",                       // 1
            "",                                       // 2
            "statement ok",                           // 3
            "CREATE TABLE t1(a INTEGER, b INTEGER)",  // 4
            "",                                       // 5
            "# a comment",                            // 6
            "skipif mysql # not compatible",          // 7
            "query II rowsort label-1",               // 8
            "SELECT a,",                              // 9
            "# inside",                               // 10
            "b FROM t1",                              // 11
            "----",                                   // 12
            "1",                                      // 13
            "2",                                      // 14
            "",                                       // 15
            "onlyif mssql",                           // 16
            "statement error",                        // 17
            "SELECT nothing",                         // 18
            "",                                       // 19
            "query T nosort",                         // 20
            "SELECT 'x'",                             // 21
            "----",                                   // 22
            "",                                       // 23
            "skipif postgresql",                      // 24
            "halt");                                  // 25

    @Test
    void readsEveryKindOfRecordWithTheLineOfItsBlock() {
        List<SltRecord> records = SltParser.parse("f.test", FILE);
        assertEquals(6, records.size());
        assertEquals(new SltRecord.HashThreshold(1, List.of(), 8), records.get(0));
        assertEquals(new SltRecord.Statement(3, List.of(), false, "CREATE TABLE t1(a INTEGER, b INTEGER)"),
                records.get(1));

        SltRecord.Query q = assertInstanceOf(SltRecord.Query.class, records.get(2));
        assertEquals(7, q.line(), "a record is named by its first line, conditions included");
        assertEquals("II", q.types());
        assertEquals(SortMode.ROWSORT, q.sort());
        assertEquals("label-1", q.label());
        assertEquals("SELECT a,\nb FROM t1", q.sql(), "comment lines are dropped inside a record too");
        assertEquals(List.of("1", "2"), q.expected());
        assertTrue(q.runsOn("postgresql"));

        SltRecord.Statement error = assertInstanceOf(SltRecord.Statement.class, records.get(3));
        assertTrue(error.expectError());
        assertFalse(error.runsOn("postgresql"), "onlyif another engine skips");

        SltRecord.Query empty = assertInstanceOf(SltRecord.Query.class, records.get(4));
        assertEquals(SortMode.NOSORT, empty.sort());
        assertEquals(null, empty.label());
        assertEquals(List.of(), empty.expected());

        SltRecord.Halt halt = assertInstanceOf(SltRecord.Halt.class, records.get(5));
        assertFalse(halt.runsOn("postgresql"));
    }

    @Test
    void refusesAnUnknownRecord() {
        assertThrows(IllegalArgumentException.class, () -> SltParser.parse("f.test", List.of("frobnicate")));
    }
}
