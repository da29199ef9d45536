package academy.minicluster.net.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FormatsTest {

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = FormatsTest.class.getResourceAsStream("/api/format-cases.tsv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .map(f -> Arguments.of(f[0], f[1].equals("<empty>") ? "" : f[1], f[2].equals("valid")))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0} {1} valid={2}")
    @MethodSource("cases")
    void acceptsWhatApimachineryAccepts(String format, String value, boolean valid) {
        List<String> errors = switch (format) {
            case "portName" -> Formats.portName(value);
            case "dns1123Label" -> Formats.dns1123Label(value);
            case "dns1035Label" -> Formats.dns1035Label(value);
            case "labelKey" -> Formats.labelKey(value);
            default -> throw new IllegalArgumentException(format);
        };

        assertThat(errors.isEmpty()).as("%s(%s) -> %s", format, value, errors).isEqualTo(valid);
    }

    @Test
    void aPortNameCanBreakSeveralRulesAtOnce() {
        assertThat(Formats.portName("-12345678901234567")).containsExactly("must be no more than 15 characters",
                "must contain at least one letter (a-z)", "must not begin or end with a hyphen");
    }

    @Test
    void ipAddressesAreParsedWithoutLookingAnythingUp() {
        assertThat(Formats.isIp("10.96.0.1")).isTrue();
        assertThat(Formats.isIp("2001:db8::ffff")).isTrue();
        assertThat(Formats.isIp("::ffff:10.0.0.1")).isTrue();
        assertThat(Formats.isIp("localhost")).isFalse();
        assertThat(Formats.isIp("10.96.0")).isFalse();
        assertThat(Formats.isIp("1::2::3")).isFalse();
    }
}
