package academy.minicluster.web.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LabsApiResourceTest {

    @Test
    void anonymousListsEveryBuiltInLabWithItsFields() throws Exception {
        JsonPath labs = given().get("/api/v1/labs").then().statusCode(200).contentType("application/json")
                .extract().jsonPath();

        assertThat(labs.getList("labs.id", String.class)).containsAll(BuiltInLabs.ids());
        Lab first = BuiltInLabs.load("first-clusterip-service").orElseThrow();
        assertThat(labs.getInt("labs.find { it.id == 'first-clusterip-service' }.maxScore"))
                .isEqualTo(first.maxScore());
        assertThat(labs.getString("labs.find { it.id == 'first-clusterip-service' }.lesson"))
                .isEqualTo(first.lesson());
    }

    @Test
    void oneLabHasItsTasksButNotItsChecksOrSolutions() throws Exception {
        Lab lab = BuiltInLabs.load("fix-wrong-selector").orElseThrow();

        JsonPath json = given().get("/api/v1/labs/fix-wrong-selector").then().statusCode(200).extract().jsonPath();

        assertThat(json.getString("title")).isEqualTo(lab.title());
        assertThat(json.getString("tasks")).isEqualTo(lab.tasks());
        assertThat(json.getInt("hints")).isEqualTo(lab.hints().size());
        assertThat(json.getString("href")).isEqualTo("/labs/fix-wrong-selector");
        assertThat(json.getMap("$")).doesNotContainKeys("solutions", "yaml");
    }

    @Test
    void anUnknownLabIs404WithAMessage() {
        assertThat(given().get("/api/v1/labs/no-such-lab").then().statusCode(404).extract().jsonPath()
                .getString("message")).isEqualTo("lab \"no-such-lab\" not found");
    }

    @Test
    @TestSecurity(user = "labs-api-learner", roles = "learner")
    void aLearnerMayListLabs() {
        given().get("/api/v1/labs").then().statusCode(200);
        given().get("/api/v1/labs/fix-wrong-selector").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "labs-api-instructor", roles = "instructor")
    void anInstructorMayListLabs() {
        given().get("/api/v1/labs").then().statusCode(200);
        given().get("/api/v1/labs/fix-wrong-selector").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "labs-api-admin", roles = {"admin", "instructor"})
    void anAdminMayListLabs() {
        given().get("/api/v1/labs").then().statusCode(200);
        given().get("/api/v1/labs/fix-wrong-selector").then().statusCode(200);
    }
}
