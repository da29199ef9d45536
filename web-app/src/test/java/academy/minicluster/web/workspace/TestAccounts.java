package academy.minicluster.web.workspace;

import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.accounts.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import java.util.Map;
import org.jsoup.Jsoup;

/** The people of the workspace tests (accounts named like the {@code @TestSecurity} users), and CSRF for forms. */
final class TestAccounts {

    static final String ANA = "ws-ana";
    static final String BEN = "ws-ben";
    static final String INA = "ws-ina";
    static final String ADA = "ws-ada";
    /** The storage quota's learners: their workspaces are filled to the limits, so no other test uses them. */
    static final String QUO = "ws-quo";
    static final String ENT = "ws-ent";
    static final String BIG = "ws-big";

    private TestAccounts() {
    }

    static void ensure() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (Map.Entry<String, Role> e : Map.of(ANA, Role.LEARNER, BEN, Role.LEARNER, INA, Role.INSTRUCTOR,
                    ADA, Role.ADMIN, QUO, Role.LEARNER, ENT, Role.LEARNER, BIG, Role.LEARNER).entrySet()) {
                if (Account.findByUsername(e.getKey()).isEmpty()) {
                    Account.register(e.getKey(), "not-used-" + e.getKey(), e.getValue());
                }
            }
        });
    }

    static long id(String username) {
        return QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(username).orElseThrow().id);
    }

    /** The CSRF cookie and form token of a page, as a browser gets them. */
    record Csrf(String cookie, String token) {
        static Csrf of(Response page) {
            String token = Jsoup.parse(page.asString()).select("input[name=csrf-token]").attr("value");
            return new Csrf(page.getCookie("csrf-token"), token);
        }
    }
}
