package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Go's text/template as kubectl's go-template printer runs it, over a List of two pods (numbers are float64). */
class GoTemplateTest {

    private static final JsonNode LIST = parse("""
            {"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":""},"items":[
              {"metadata":{"name":"a","labels":{"app":"web","tier":"front"}},"spec":{"replicas":3,"big":1000000},
               "status":{"podIP":"10.244.1.2","ready":true,"ports":[80,443]}},
              {"metadata":{"name":"b","labels":{"app":"db"}},"spec":{"replicas":1},"status":{"podIP":"10.244.2.3","ready":false}}]}
            """);

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(String template) throws GoTemplate.TemplateException {
        return GoTemplate.parse(template).execute(LIST);
    }

    @Test
    void rangeOverItemsAsTheDebugServicesPageDoes() throws Exception {
        assertThat(run("{{range .items}}{{.status.podIP}}{{\"\\n\"}}{{end}}")).isEqualTo("10.244.1.2\n10.244.2.3\n");
    }

    @Test
    void numbersAreFloat64PrintedAsGoPrintsThem() throws Exception {
        assertThat(run("{{range .items}}{{.spec.replicas}} {{end}}")).isEqualTo("3 1 ");
        assertThat(run("{{(index .items 0).spec.big}}")).isEqualTo("1e+06");
    }

    @Test
    void aMissingKeyPrintsNoValue() throws Exception {
        assertThat(run("{{(index .items 1).spec.nothing}}")).isEqualTo("<no value>");
    }

    @Test
    void mapsAndSlicesPrintAsGoFormatsThem() throws Exception {
        assertThat(run("{{(index .items 0).metadata.labels}} {{(index .items 0).status.ports}}"))
                .isEqualTo("map[app:web tier:front] [80 443]");
    }

    @Test
    void rangeOverAMapGivesKeysInOrderAndVariablesWork() throws Exception {
        assertThat(run("{{range .items}}{{$name := .metadata.name}}{{range $k, $v := .metadata.labels}}"
                + "{{$name}}:{{$k}}={{$v}};{{end}}{{end}}")).isEqualTo("a:app=web;a:tier=front;b:app=db;");
    }

    @Test
    void ifElseIfWithAndTrimMarkers() throws Exception {
        assertThat(run("{{range .items -}}\n  {{if .status.ready}}up{{else if eq .metadata.name \"b\"}}b-down"
                + "{{else}}down{{end}}\n{{- end}}")).isEqualTo("upb-down");
        assertThat(run("{{with (index .items 0).status}}{{.podIP}}{{end}}")).isEqualTo("10.244.1.2");
    }

    @Test
    void functionsAndPipelines() throws Exception {
        assertThat(run("{{len .items}} {{index (index .items 0).metadata.labels \"app\"}} "
                + "{{printf \"%-4s|%d\" \"ab\" 7}} {{.kind | printf \"%q\"}} {{not true}} {{and 1 0}}"))
                .isEqualTo("2 web ab  |7 \"List\" false 0");
    }

    @Test
    void comparingAFloat64FromTheDataWithAnIntLiteralFailsAsInGo() {
        assertThatThrownBy(() -> run("{{range .items}}{{if eq .spec.replicas 3}}x{{end}}{{end}}"))
                .hasMessage("template: output:1:21: executing \"output\" at <eq .spec.replicas 3>: error calling eq: "
                        + "incompatible types for comparison");
    }

    @Test
    void aFieldOfAMissingValueIsANilPointer() {
        assertThatThrownBy(() -> run("{{.nothing.deeper}}"))
                .hasMessage("template: output:1:2: executing \"output\" at <.nothing.deeper>: nil pointer evaluating "
                        + "interface {}.deeper");
    }

    @Test
    void parseErrorsInGoWords() {
        assertThatThrownBy(() -> GoTemplate.parse("{{range .items}}x")).hasMessage("template: output:1: unexpected EOF");
        assertThatThrownBy(() -> GoTemplate.parse("{{.a")).hasMessage("template: output:1: unclosed action");
        assertThatThrownBy(() -> GoTemplate.parse("{{nope .a}}"))
                .hasMessage("template: output:1: function \"nope\" not defined");
        assertThatThrownBy(() -> GoTemplate.parse("{{end}}")).hasMessage("template: output:1: unexpected {{end}}");
    }
}
