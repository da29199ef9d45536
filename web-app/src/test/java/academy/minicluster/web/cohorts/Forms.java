package academy.minicluster.web.cohorts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.Map;
import org.jsoup.Jsoup;

/**
 * Posts a form the way a browser does: first GETs a page with a form, for the CSRF cookie and its hidden token,
 * then posts with both. Redirects are not followed, so a test sees the 303.
 */
public final class Forms {

    private Forms() {
    }

    public static Response post(String pageWithForm, String action, Map<String, String> fields) {
        Response page = given().get(pageWithForm).then().statusCode(200).extract().response();
        String cookie = page.cookie("csrf-token");
        String token = Jsoup.parse(page.asString()).select("input[name=csrf-token]").attr("value");
        assertThat(cookie).as("CSRF cookie from " + pageWithForm).isNotBlank();
        assertThat(token).as("CSRF form field on " + pageWithForm).isNotBlank();
        return given().redirects().follow(false).cookie("csrf-token", cookie)
                .formParam("csrf-token", token).formParams(fields).post(action);
    }
}
