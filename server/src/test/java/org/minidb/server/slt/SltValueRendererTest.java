package org.minidb.server.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidb.server.slt.ValueRenderer.ColumnKind;

class SltValueRendererTest {

    @Test
    void rendersIntegers() {
        assertEquals("42", ValueRenderer.render("42", ColumnKind.INTEGER, 'I'));
        assertEquals("-7", ValueRenderer.render("-7.9", ColumnKind.OTHER, 'I'), "truncated toward zero");
        assertEquals("0", ValueRenderer.render("-0.5", ColumnKind.OTHER, 'I'));
        assertEquals("1", ValueRenderer.render("t", ColumnKind.BOOLEAN, 'I'));
        assertEquals("0", ValueRenderer.render("f", ColumnKind.BOOLEAN, 'I'));
        assertEquals("0", ValueRenderer.render("abc", ColumnKind.OTHER, 'I'), "text reads as SQLite reads it");
        assertEquals("12", ValueRenderer.render(" 12.5x", ColumnKind.OTHER, 'I'));
        assertEquals("100000000000000000000", ValueRenderer.render("1e+20", ColumnKind.OTHER, 'I'));
    }

    @Test
    void rendersRealsAsPrintfDoes() {
        assertEquals("3.000", ValueRenderer.render("3", ColumnKind.INTEGER, 'R'));
        assertEquals("1.000", ValueRenderer.render("1.0005", ColumnKind.OTHER, 'R'),
                "1.0005 is 1.000499999... as a double: printf rounds down");
        assertEquals("0.125", ValueRenderer.render("0.125", ColumnKind.OTHER, 'R'));
        assertEquals("0.062", ValueRenderer.render("0.0625", ColumnKind.OTHER, 'R'), "exact ties go to even");
        assertEquals("-0.000", ValueRenderer.render("-0.0001", ColumnKind.OTHER, 'R'));
        assertEquals("0.000", ValueRenderer.render("abc", ColumnKind.OTHER, 'R'));
    }

    @Test
    void rendersTextNullAndEmpty() {
        assertEquals("NULL", ValueRenderer.render(null, ColumnKind.OTHER, 'T'));
        assertEquals("NULL", ValueRenderer.render(null, ColumnKind.INTEGER, 'I'));
        assertEquals("(empty)", ValueRenderer.render("", ColumnKind.OTHER, 'T'));
        assertEquals("a b", ValueRenderer.render("a b", ColumnKind.OTHER, 'T'));
        assertEquals("a@b", ValueRenderer.render("a\tb", ColumnKind.OTHER, 'T'));
        assertEquals("@@", ValueRenderer.render("é", ColumnKind.OTHER, 'T'), "each UTF-8 byte becomes @");
    }

    @Test
    void hashesLikeTheReferenceRunner() {
        // md5("0\n" x 10), as in test/index/random/10/slt_good_2.test
        assertEquals("10 values hashing to b833e3a3ba082b2c0028b4cd08f0834d",
                ResultHasher.hashLine(java.util.Collections.nCopies(10, "0")));
        assertEquals("0 values hashing to d41d8cd98f00b204e9800998ecf8427e", ResultHasher.hashLine(List.of()));
    }
}
