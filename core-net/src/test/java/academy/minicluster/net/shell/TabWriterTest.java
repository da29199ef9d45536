package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Go's text/tabwriter as kubectl configures it: the alignment rules every table and describe depends on. */
class TabWriterTest {

    @Test
    void columnIsAsWideAsItsWidestCellPlusPadding() {
        assertThat(TabWriter.forDescribe().write("a:\tx\nlonger:\ty\n").toString()).isEqualTo("a:       x\nlonger:  y\n");
    }

    @Test
    void aLineWithoutTabEndsTheColumnBlock() {
        assertThat(TabWriter.forDescribe().write("a:\tx\nSection:\nlonger:\ty\n").toString())
                .isEqualTo("a:  x\nSection:\nlonger:  y\n");
    }

    @Test
    void lastCellIsNotPadded() {
        assertThat(TabWriter.forDescribe().write("k\tv\n").toString()).isEqualTo("k  v\n");
    }

    @Test
    void tableWriterHasMinimumWidthSix() {
        assertThat(TabWriter.forTables().write("A\tB\nx\ty\n").toString()).isEqualTo("A     B\nx     y\n");
    }

    @Test
    void flushStartsANewAlignment() {
        TabWriter w = TabWriter.forDescribe().write("a:\tx\n");
        w.flush();

        assertThat(w.write("longer:\ty\n").toString()).isEqualTo("a:  x\nlonger:  y\n");
    }

    @Test
    void tabTerminatedEmptyLastCellIsPadded() {
        assertThat(TabWriter.forDescribe().write("  Host\tPath\n  web.example.com\t\n").toString())
                .isEqualTo("  Host             Path\n  web.example.com  \n");
    }
}
