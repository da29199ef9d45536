package academy.minicluster.web.home;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkiverse.web.bundler.runtime.Bundle;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HomeResourceTest {

    @Inject
    Bundle bundle;

    @Test
    void homePageIsHtmlTitledMiniclusterAcademy() {
        Document page = home();

        assertThat(page.title()).isEqualTo("Minicluster Academy");
        assertThat(page.select("h1").eachText()).containsExactly("Minicluster Academy");
        assertThat(page.select("html").attr("lang")).isEqualTo("en");
    }

    @Test
    void homePageHasHeaderNavigationMainAndFooterLandmarks() {
        Document page = home();

        assertThat(page.select("header")).hasSize(1);
        assertThat(page.select("nav[aria-label=Main]")).hasSize(1);
        assertThat(page.select("main#main")).hasSize(1);
        assertThat(page.select("footer")).hasSize(1);
        assertThat(page.select("a.skip-link").attr("href")).isEqualTo("#main");
    }

    @Test
    void navigationLinksToTheCourseAndSignIn() {
        assertThat(home().select("nav a").eachAttr("href")).contains("/course", "/login");
    }

    @Test
    void homePageLoadsTheAppBundleAndItIsServed() {
        Document page = home();
        String script = page.select("script[type=module]").attr("src");
        String style = page.select("link[rel=stylesheet]").attr("href");

        assertThat(script).startsWith("/static/bundle/app");
        given().when().get(script).then().statusCode(200);
        given().when().get(style).then().statusCode(200);
    }

    @Test
    void theEditorBundleWithCodeMirrorIsServed() {
        String script = bundle.script("editor");

        assertThat(script).startsWith("/static/bundle/editor");
        given().when().get(script).then().statusCode(200);
    }

    private static Document home() {
        String html = given().when().get("/")
                .then().statusCode(200).contentType("text/html").extract().asString();
        return Jsoup.parse(html);
    }
}
