package academy.minicluster.web.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * The README's start command, tested: the packaged jar (quarkus-run.jar) with no database configured starts its
 * embedded PostgreSQL through PlatformMain, migrates it, and serves the home page and a ready health check.
 */
@QuarkusIntegrationTest
@TestProfile(EmbeddedDatabaseProfile.class)
class PackagedPlatformIT {

    @Test
    void servesTheHomePage() {
        String html = given().when().get("/").then().statusCode(200).extract().asString();

        assertThat(Jsoup.parse(html).select("h1").text()).isEqualTo("Minicluster Academy");
    }

    @Test
    void isReadyOnItsEmbeddedDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void keepsTheEmbeddedDatabaseInTheConfiguredDirectory() {
        assertThat(EmbeddedDatabaseProfile.DATA_DIRECTORY.resolve("pgdata/PG_VERSION")).isRegularFile();
        assertThat(Files.isRegularFile(EmbeddedDatabaseProfile.DATA_DIRECTORY.resolve("password"))).isTrue();
    }
}
