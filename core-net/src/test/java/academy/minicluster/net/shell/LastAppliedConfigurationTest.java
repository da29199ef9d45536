package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How {@link LastAppliedConfiguration} encodes values: as Go's {@code encoding/json} encodes an unstructured map. */
class LastAppliedConfigurationTest {

    private static String string(String s) {
        StringBuilder out = new StringBuilder();
        academy.minicluster.net.api.GoValue.jsonString(s, out);
        return out.toString();
    }

    @Test
    void controlAndLineSeparatorCharactersAreEscapedAsGoEscapesThem() {
        assertThat(string("a\"b\\c\nd\te\u0001f\bg\fh\u2028")).isEqualTo(
                "\"a\\\"b\\\\c\\nd\\te\\u0001f\\bg\\fh\\u2028\"");
    }

    @Test
    void nonAsciiTextIsWrittenAsIs() {
        assertThat(string("café ☕")).isEqualTo("\"café ☕\"");
    }

    @ParameterizedTest
    @CsvSource({"1.0, 1", "1.5, 1.5", "0.1, 0.1", "-2.25, -2.25", "1e21, 1e+21", "1.5e-7, 1.5e-7", "100000, 100000"})
    void floatsAreWrittenAsGoWritesAFloat64(double value, String expected) {
        assertThat(LastAppliedConfiguration.goFloat(value)).isEqualTo(expected);
    }

    @Test
    void keysAreSortedAtEveryLevelAndTheRecordItselfIsLeftOut() throws Exception {
        var tree = new ObjectMapper().readTree("""
                {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c","annotations":{
                "z":"1","kubectl.kubernetes.io/last-applied-configuration":"old","a":"2"}},
                "data":{"b":"x","a":"y"},"list":[{"y":1,"x":null,"w":true}]}""");

        assertThat(LastAppliedConfiguration.of(tree, "default")).isEqualTo("{\"apiVersion\":\"v1\","
                + "\"data\":{\"a\":\"y\",\"b\":\"x\"},\"kind\":\"ConfigMap\",\"list\":[{\"w\":true,\"x\":null,\"y\":1}],"
                + "\"metadata\":{\"annotations\":{\"a\":\"2\",\"z\":\"1\"},\"name\":\"c\",\"namespace\":\"default\"}}\n");
    }
}
