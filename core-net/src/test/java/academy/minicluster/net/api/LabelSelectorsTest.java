package academy.minicluster.net.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorsTest {

    private static final Map<String, String> WEB_PROD = Map.of("app", "web", "tier", "prod");

    private static LabelSelector expression(String key, String operator, String... values) {
        return new LabelSelectorBuilder()
                .withMatchExpressions(new LabelSelectorRequirement(key, operator, List.of(values))).build();
    }

    @Test
    void nullSelectorMatchesNothing() {
        assertThat(LabelSelectors.matches(null, WEB_PROD)).isFalse();
        assertThat(LabelSelectors.matches(null, Map.of())).isFalse();
    }

    @Test
    void emptySelectorMatchesEverything() {
        assertThat(LabelSelectors.matches(new LabelSelector(), WEB_PROD)).isTrue();
        assertThat(LabelSelectors.matches(new LabelSelector(), null)).isTrue();
        assertThat(LabelSelectors.isEmpty(new LabelSelector())).isTrue();
        assertThat(LabelSelectors.isEmpty(null)).isFalse();
    }

    @Test
    void matchLabelsRequireEveryEntry() {
        assertThat(LabelSelectors.matches(new LabelSelectorBuilder().addToMatchLabels("app", "web").build(), WEB_PROD)).isTrue();
        assertThat(LabelSelectors.matches(new LabelSelectorBuilder().addToMatchLabels("app", "web")
                .addToMatchLabels("tier", "dev").build(), WEB_PROD)).isFalse();
    }

    @Test
    void inRequiresTheKeyWithOneOfTheValues() {
        assertThat(LabelSelectors.matches(expression("tier", "In", "dev", "prod"), WEB_PROD)).isTrue();
        assertThat(LabelSelectors.matches(expression("tier", "In", "dev"), WEB_PROD)).isFalse();
        assertThat(LabelSelectors.matches(expression("zone", "In", "a"), WEB_PROD)).isFalse();
    }

    @Test
    void notInMatchesObjectsWithoutTheKey() {
        assertThat(LabelSelectors.matches(expression("tier", "NotIn", "prod"), WEB_PROD)).isFalse();
        assertThat(LabelSelectors.matches(expression("tier", "NotIn", "dev"), WEB_PROD)).isTrue();
        assertThat(LabelSelectors.matches(expression("zone", "NotIn", "a"), WEB_PROD)).isTrue();
    }

    @Test
    void existsAndDoesNotExistLookOnlyAtTheKey() {
        assertThat(LabelSelectors.matches(expression("tier", "Exists"), WEB_PROD)).isTrue();
        assertThat(LabelSelectors.matches(expression("zone", "Exists"), WEB_PROD)).isFalse();
        assertThat(LabelSelectors.matches(expression("zone", "DoesNotExist"), WEB_PROD)).isTrue();
        assertThat(LabelSelectors.matches(expression("tier", "DoesNotExist"), WEB_PROD)).isFalse();
    }

    @Test
    void matchLabelsAndMatchExpressionsMustAllHold() {
        LabelSelector both = new LabelSelectorBuilder().addToMatchLabels("app", "web")
                .withMatchExpressions(new LabelSelectorRequirement("tier", "In", List.of("dev"))).build();

        assertThat(LabelSelectors.matches(both, WEB_PROD)).isFalse();
        assertThat(LabelSelectors.matches(both, Map.of("app", "web", "tier", "dev"))).isTrue();
    }

    @Test
    void unknownOperatorMatchesNothing() {
        assertThat(LabelSelectors.matches(expression("tier", "Equals", "prod"), WEB_PROD)).isFalse();
    }

    @Test
    void serviceSelectorRequiresEveryEntryAndAnEmptyOneSelectsNoPods() {
        assertThat(LabelSelectors.matchesEquality(Map.of("app", "web"), WEB_PROD)).isTrue();
        assertThat(LabelSelectors.matchesEquality(Map.of("app", "web", "tier", "dev"), WEB_PROD)).isFalse();
        assertThat(LabelSelectors.matchesEquality(Map.of(), WEB_PROD)).isFalse();
        assertThat(LabelSelectors.matchesEquality(null, WEB_PROD)).isFalse();
    }

    @Test
    void describeWritesTheSelectorAsKubectlDoes() {
        LabelSelector selector = new LabelSelectorBuilder().addToMatchLabels("app", "web")
                .withMatchExpressions(new LabelSelectorRequirement("tier", "NotIn", List.of("prod", "dev")),
                        new LabelSelectorRequirement("canary", "DoesNotExist", List.of()))
                .build();

        assertThat(LabelSelectors.describe(selector)).isEqualTo("app=web,tier notin (dev,prod),!canary");
    }

    @Test
    void inWithoutValuesIsRequiredValue() {
        assertThat(LabelSelectors.validate(expression("tier", "In"), "spec.podSelector")).extracting(FieldError::toString)
                .containsExactly("spec.podSelector.matchExpressions[0].values: Required value: "
                        + "must be specified when `operator` is 'In' or 'NotIn'");
    }

    @Test
    void existsWithValuesIsForbidden() {
        assertThat(LabelSelectors.validate(expression("tier", "Exists", "prod"), "spec.podSelector"))
                .extracting(FieldError::toString)
                .containsExactly("spec.podSelector.matchExpressions[0].values: Forbidden: "
                        + "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    }

    @Test
    void unknownOperatorIsInvalid() {
        assertThat(LabelSelectors.validate(expression("tier", "Equals", "prod"), "spec.podSelector"))
                .extracting(FieldError::toString)
                .containsExactly("spec.podSelector.matchExpressions[0].operator: Invalid value: \"Equals\": "
                        + "not a valid selector operator");
    }

    @Test
    void invalidLabelValueIsReportedUnderItsKey() {
        LabelSelector selector = new LabelSelectorBuilder().addToMatchLabels("app", "web!").build();

        assertThat(LabelSelectors.validate(selector, "spec.podSelector")).extracting(FieldError::toString)
                .containsExactly("spec.podSelector.matchLabels[app]: Invalid value: \"web!\": a valid label must be "
                        + "an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and "
                        + "end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used "
                        + "for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }

    @Test
    void invalidLabelKeyIsReportedOnMatchLabels() {
        LabelSelector selector = new LabelSelectorBuilder().addToMatchLabels("-app", "web").build();

        assertThat(LabelSelectors.validate(selector, "spec.selector")).extracting(FieldError::toString)
                .containsExactly("spec.selector.matchLabels: Invalid value: \"-app\": name part must consist of "
                        + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                        + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    }

    @Test
    void prefixedKeysAreValid() {
        LabelSelector selector = new LabelSelectorBuilder().addToMatchLabels("kubernetes.io/metadata.name", "x").build();

        assertThat(LabelSelectors.validate(selector, "spec.podSelector")).isEmpty();
    }
}
