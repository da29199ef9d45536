package academy.minicluster.net.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.api.FieldError;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ValidateLabelSelector's messages, as the API server words them for a NetworkPolicy's selectors. */
class SelectorValidationTest {

    private static LabelSelector expression(String key, String operator, String... values) {
        return new LabelSelectorBuilder()
                .withMatchExpressions(new LabelSelectorRequirement(key, operator, List.of(values))).build();
    }

    @Test
    void inWithoutValuesIsRequiredValue() {
        assertThat(SelectorValidation.validate(expression("tier", "In"), "spec.podSelector")).extracting(FieldError::toString)
                .containsExactly("spec.podSelector.matchExpressions[0].values: Required value: "
                        + "must be specified when `operator` is 'In' or 'NotIn'");
    }

    @Test
    void existsWithValuesIsForbidden() {
        assertThat(SelectorValidation.validate(expression("tier", "Exists", "prod"), "spec.podSelector"))
                .extracting(FieldError::toString)
                .containsExactly("spec.podSelector.matchExpressions[0].values: Forbidden: "
                        + "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    }

    @Test
    void unknownOperatorIsInvalid() {
        assertThat(SelectorValidation.validate(expression("tier", "Equals", "prod"), "spec.podSelector"))
                .extracting(FieldError::toString)
                .containsExactly("spec.podSelector.matchExpressions[0].operator: Invalid value: \"Equals\": "
                        + "not a valid selector operator");
    }

    @Test
    void invalidLabelValueIsReportedUnderItsKey() {
        LabelSelector selector = new LabelSelectorBuilder().addToMatchLabels("app", "web!").build();

        assertThat(SelectorValidation.validate(selector, "spec.podSelector")).extracting(FieldError::toString)
                .containsExactly("spec.podSelector.matchLabels[app]: Invalid value: \"web!\": a valid label must be "
                        + "an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and "
                        + "end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used "
                        + "for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }

    @Test
    void invalidLabelKeyIsReportedOnMatchLabels() {
        LabelSelector selector = new LabelSelectorBuilder().addToMatchLabels("-app", "web").build();

        assertThat(SelectorValidation.validate(selector, "spec.selector")).extracting(FieldError::toString)
                .containsExactly("spec.selector.matchLabels: Invalid value: \"-app\": name part must consist of "
                        + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                        + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    }

    @Test
    void prefixedKeysAreValid() {
        LabelSelector selector = new LabelSelectorBuilder().addToMatchLabels("kubernetes.io/metadata.name", "x").build();

        assertThat(SelectorValidation.validate(selector, "spec.podSelector")).isEmpty();
    }
}
