package academy.minicluster.web.playground;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.accounts.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The playground page: a workspace without tasks or checks, on a chosen profile. */
@QuarkusTest
class PlaygroundResourceTest {

    static final String PIA = "pg-pia";
    static final String IAN = "pg-ian";
    static final String AMY = "pg-amy";

    @BeforeEach
    void accounts() {
        QuarkusTransaction.requiringNew().run(() -> {
            if (Account.findByUsername(PIA).isEmpty()) {
                Account.register(PIA, "unused-pia", Role.LEARNER);
                Account.register(IAN, "unused-ian", Role.INSTRUCTOR);
                Account.register(AMY, "unused-amy", Role.ADMIN);
            }
        });
    }

    @Test
    void anonymousVisitorsCannotOpenThePlayground() {
        given().redirects().follow(false).when().get("/playground")
                .then().statusCode(anyOf(is(401), is(302), is(303)));
    }

    @Test
    @TestSecurity(user = PIA, roles = "learner")
    void learnerGetsEditorConsoleTopologyAndEveryProfileButNoChecks() {
        Document page = Jsoup.parse(given().when().get("/playground").then().statusCode(200).extract().asString());

        assertThat(page.select("h1").text()).isEqualTo("Playground");
        assertThat(page.select("textarea[data-editor=yaml]")).hasSize(1);
        assertThat(page.select("#console-input")).hasSize(1);
        assertThat(page.select("#topology svg")).hasSize(1);
        assertThat(page.select("select#profile option").eachAttr("value"))
                .contains("default", "single-worker", "three-workers", "ipvs");
        assertThat(page.select("#check-button")).isEmpty();
    }

    @Test
    @TestSecurity(user = IAN, roles = "instructor")
    void instructorMayOpenThePlayground() {
        given().when().get("/playground").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = AMY, roles = "admin")
    void adminMayOpenThePlayground() {
        given().when().get("/playground").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = PIA, roles = "learner")
    void aProfileInTheQueryOpensAPlaygroundOnIt() {
        Document page = Jsoup.parse(given().when().get("/playground?profile=three-workers")
                .then().statusCode(200).extract().asString());

        assertThat(page.select("select#profile option[selected]").attr("value")).isEqualTo("three-workers");
        assertThat(page.select("#topology details pre").text()).contains("Node worker3");
    }

    @Test
    @TestSecurity(user = PIA, roles = "learner")
    void anUnknownProfileIsNamedAndTheDefaultIsUsed() {
        Document page = Jsoup.parse(given().when().get("/playground?profile=huge")
                .then().statusCode(200).extract().asString());

        assertThat(page.select("[role=alert]").text()).contains("There is no cluster profile \"huge\"");
    }

    @Test
    @TestSecurity(user = PIA, roles = "learner")
    void resetOpensAFreshPlaygroundOnTheChosenProfile() {
        Response page = given().when().get("/playground");
        long before = Long.parseLong(Jsoup.parse(page.asString()).select("[data-workspace]").attr("data-workspace"));
        String token = Jsoup.parse(page.asString()).select("input[name=csrf-token]").attr("value");

        given().redirects().follow(false).cookie("csrf-token", page.getCookie("csrf-token"))
                .formParam("csrf-token", token).formParam("profile", "single-worker")
                .when().post("/playground/reset").then().statusCode(303);

        Document after = Jsoup.parse(given().when().get("/playground").asString());
        assertThat(Long.parseLong(after.select("[data-workspace]").attr("data-workspace"))).isGreaterThan(before);
        assertThat(after.select("select#profile option[selected]").attr("value")).isEqualTo("single-worker");
    }
}
