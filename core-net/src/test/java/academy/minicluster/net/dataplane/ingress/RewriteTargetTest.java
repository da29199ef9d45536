package academy.minicluster.net.dataplane.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.List;
import org.junit.jupiter.api.Test;

class RewriteTargetTest {

    @Test
    void targetIsTakenApartIntoLiteralsAndCaptures() {
        RewriteTarget t = RewriteTarget.parse("/api/$2?x=$1$");
        assertEquals(List.of(new RewriteTarget.Literal("/api/"), new RewriteTarget.Capture(2),
                new RewriteTarget.Literal("?x="), new RewriteTarget.Capture(1), new RewriteTarget.Literal("$")),
                t.parts());
    }

    @Test
    void fillCopiesGroupsAndDropsThoseThatDidNotMatchOrDoNotExist() {
        Matcher m = Pattern.compile("/shop(/|$)(.*)").matcher("/shop/cart");
        m.find();
        assertEquals("/cart:/shop/cart:", RewriteTarget.parse("/$2:$0:$7").fill(m));
    }

    @Test
    void missingAnnotationIsNone() {
        assertEquals(RewriteTarget.NONE, RewriteTarget.parse(null));
        assertEquals(RewriteTarget.NONE, RewriteTarget.parse(""));
    }
}
