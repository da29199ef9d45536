package academy.minicluster.net.workload;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.wire.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written helpers of {@link Wire}, each against what it stands for. */
class WireTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "Hostname: web\r\n", "café", "日本", "a\uD83D\uDE00b", "lone \uD83D half",
            "\uDE00", "ascii then é"})
    void utf8LengthIsTheEncodedLength(String text) {
        assertThat(Wire.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "x-forwarded-for|X-Forwarded-For", "X-Forwarded-For|X-Forwarded-For", "USER-AGENT|User-Agent",
        "x-ünïcode|X-Ünïcode", "a b|a b", "x--y|X--Y", "1st-header|1st-Header", "content-md5|Content-Md5"})
    void canonicalHeaderKeyIsGosCanonicalMimeHeaderKey(String key, String canonical) {
        assertThat(Wire.canonicalHeaderKey(key)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<!DOCTYPE html><p>hi|text/html; charset=utf-8", "'\t <HTML>'|text/html; charset=utf-8",
        "<p>|text/html; charset=utf-8", "<a href=x>|text/html; charset=utf-8", "<abbr>|text/plain; charset=utf-8",
        "Hostname: web|text/plain; charset=utf-8", "<Body>|text/html; charset=utf-8"})
    void sniffedContentTypeIsWhatGoDetectsForTheseBodies(String body, String contentType) {
        HttpResponse response = Wire.goResponse(200, Map.of(), body, 0);

        assertThat(response.headers().get("Content-Type")).isEqualTo(contentType);
    }
}
