package academy.minicluster.web.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RequestTracingTest {

    @Test
    void everyResponseNamesTheInstanceThatServedIt() {
        given().when().get("/q/health/live")
                .then().statusCode(200)
                .header("X-Served-By", not(emptyOrNullString()));
    }

    @Test
    void aRequestIdFromTheLoadBalancerIsKept() {
        given().header("X-Request-Id", "nginx-0123abcd").when().get("/")
                .then().header("X-Request-Id", equalTo("nginx-0123abcd"));
    }

    @Test
    void aMissingOrMalformedRequestIdIsReplacedByAUuid() {
        given().header("X-Request-Id", "bad id with spaces").when().get("/")
                .then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }
}
