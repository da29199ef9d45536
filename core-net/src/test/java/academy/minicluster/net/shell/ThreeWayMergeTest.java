package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The strategic merge of client-side apply on its own: the patch {@code CreateThreeWayMergePatch(original,
 * modified, current)} builds and the object {@code StrategicMergePatch} makes of it. Documents are written in JSON
 * with single quotes, as the upstream patch_test.go cases read.
 */
class ThreeWayMergeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static ObjectNode patch(String kind, String original, String modified, String current) {
        return ThreeWayMerge.createThreeWayMergePatch(json(original), json(modified), json(current), kind);
    }

    private static JsonNode merge(String kind, String original, String modified, String current) {
        return ThreeWayMerge.strategicMergePatch(json(current), patch(kind, original, modified, current), kind);
    }

    @Test
    void nothingChangedGivesAnEmptyPatch() {
        String doc = "{'metadata':{'labels':{'app':'web'}},'spec':{'replicas':2}}";

        assertThat(patch("Deployment", doc, doc, doc)).isEmpty();
    }

    @Test
    void aKeyOnlyTheLiveObjectHasIsKept() {
        JsonNode merged = merge("Deployment", "{'spec':{'paused':false}}", "{'spec':{'paused':false}}",
                "{'spec':{'paused':false,'replicas':5}}");

        assertThat(merged).isEqualTo(json("{'spec':{'paused':false,'replicas':5}}"));
    }

    @Test
    void aKeyTheFileSetsOverwritesTheLiveValue() {
        ObjectNode p = patch("Deployment", "{'spec':{}}", "{'spec':{'replicas':3}}", "{'spec':{'replicas':5}}");

        assertThat(p).isEqualTo(json("{'spec':{'replicas':3}}"));
    }

    @Test
    void aKeyTheLastApplyHadAndTheFileDropsIsDeleted() {
        String original = "{'metadata':{'labels':{'app':'web','tier':'front'}}}";
        String modified = "{'metadata':{'labels':{'app':'web'}}}";
        String current = "{'metadata':{'labels':{'app':'web','tier':'front','team':'a'}}}";

        assertThat(patch("Service", original, modified, current))
                .isEqualTo(json("{'metadata':{'labels':{'tier':null}}}"));
        assertThat(merge("Service", original, modified, current))
                .isEqualTo(json("{'metadata':{'labels':{'app':'web','team':'a'}}}"));
    }

    @Test
    void withoutALastApplyNothingIsDeleted() {
        JsonNode merged = merge("Service", "{}", "{'metadata':{'labels':{'app':'web'}}}",
                "{'metadata':{'labels':{'app':'web','tier':'front'}}}");

        assertThat(merged).isEqualTo(json("{'metadata':{'labels':{'app':'web','tier':'front'}}}"));
    }

    @Test
    void containersMergeByNameKeepingWhatTheServerDefaulted() {
        String applied = "{'spec':{'containers':[{'name':'web','image':'nginx'}]}}";
        String modified = "{'spec':{'containers':[{'name':'web','image':'nginx:1.27'}]}}";
        String current = "{'spec':{'containers':[{'name':'web','image':'nginx','imagePullPolicy':'Always'}]}}";

        assertThat(merge("Pod", applied, modified, current)).isEqualTo(json(
                "{'spec':{'containers':[{'name':'web','image':'nginx:1.27','imagePullPolicy':'Always'}]}}"));
    }

    @Test
    void aContainerPortDroppedFromTheFileTravelsAsADeleteDirective() {
        String original = "{'spec':{'containers':[{'name':'web','ports':[{'containerPort':80},{'containerPort':8080}]}]}}";
        String modified = "{'spec':{'containers':[{'name':'web','ports':[{'containerPort':80}]}]}}";

        ObjectNode p = patch("Pod", original, modified, original);

        assertThat(p).isEqualTo(json("{'spec':{'containers':[{'name':'web','ports':[{'containerPort':8080,"
                + "'$patch':'delete'}],'$setElementOrder/ports':[{'containerPort':80}]}],"
                + "'$setElementOrder/containers':[{'name':'web'}]}}"));
        assertThat(ThreeWayMerge.strategicMergePatch(json(original), p, "Pod")).isEqualTo(json(modified));
    }

    @Test
    void aContainerAddedOnTheServerIsKeptInItsPlace() {
        String applied = "{'spec':{'containers':[{'name':'a','image':'x'},{'name':'c','image':'x'}]}}";
        String modified = "{'spec':{'containers':[{'name':'a','image':'y'},{'name':'c','image':'x'}]}}";
        String current = "{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'x'},"
                + "{'name':'c','image':'x'}]}}";

        JsonNode merged = merge("Pod", applied, modified, current);

        assertThat(merged.at("/spec/containers").findValuesAsText("name")).containsExactly("a", "b", "c");
        assertThat(merged.at("/spec/containers/0/image").asText()).isEqualTo("y");
    }

    @Test
    void servicePortsMergeByPortKeepingTheAllocatedNodePort() {
        String applied = "{'spec':{'ports':[{'port':80}]}}";
        String modified = "{'spec':{'ports':[{'port':80,'targetPort':8080}]}}";
        String current = "{'spec':{'ports':[{'port':80,'targetPort':80,'nodePort':30080,'protocol':'TCP'}]}}";

        assertThat(merge("Service", applied, modified, current)).isEqualTo(json(
                "{'spec':{'ports':[{'port':80,'targetPort':8080,'nodePort':30080,'protocol':'TCP'}]}}"));
    }

    @Test
    void anAtomicListIsReplacedWholeWhenItChanged() {
        String applied = "{'spec':{'tolerations':[{'key':'a','operator':'Exists'}]}}";
        String modified = "{'spec':{'tolerations':[{'key':'b','operator':'Exists'}]}}";
        String current = "{'spec':{'tolerations':[{'key':'a','operator':'Exists'},{'key':'z','operator':'Exists'}]}}";

        assertThat(merge("Pod", applied, modified, current)).isEqualTo(json(modified));
    }

    @Test
    void anAtomicListTheServerChangedIsPutBackAsTheFileHasIt() {
        String doc = "{'spec':{'rules':[{'host':'a.example'}]}}";
        String current = "{'spec':{'rules':[{'host':'a.example'},{'host':'b.example'}]}}";

        assertThat(patch("Ingress", doc, doc, current)).isEqualTo(json(doc));
    }

    @Test
    void retainKeysDropsTheStrategyFieldsTheFileNoLongerNames() {
        String modified = "{'spec':{'strategy':{'type':'Recreate'}}}";
        String current = "{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%'}}}}";

        ObjectNode p = patch("Deployment", "{}", modified, current);

        assertThat(p).isEqualTo(json("{'spec':{'strategy':{'type':'Recreate','$retainKeys':['type']}}}"));
        assertThat(ThreeWayMerge.strategicMergePatch(json(current), p, "Deployment")).isEqualTo(json(modified));
    }

    @Test
    void aMergedListOfScalarsDeletesWhatTheFileDroppedAndKeepsTheServersOwn() {
        String original = "{'metadata':{'finalizers':['a','b']}}";
        String modified = "{'metadata':{'finalizers':['a']}}";
        String current = "{'metadata':{'finalizers':['a','b','server']}}";

        assertThat(merge("Pod", original, modified, current))
                .isEqualTo(json("{'metadata':{'finalizers':['a','server']}}"));
    }

    @Test
    void aNullInTheFileDeletesTheKey() {
        assertThat(merge("Service", "{}", "{'spec':{'sessionAffinityConfig':null}}",
                "{'spec':{'sessionAffinityConfig':{'clientIP':{}}}}")).isEqualTo(json("{'spec':{}}"));
    }

    @Test
    void aListElementWithoutItsMergeKeyIsAnError() {
        assertThatThrownBy(() -> patch("Pod", "{}", "{'spec':{'containers':[{'image':'nginx'}]}}",
                "{'spec':{'containers':[{'name':'web','image':'nginx'}]}}"))
                .isInstanceOf(ThreeWayMerge.PatchError.class)
                .hasMessage("map: map[image:nginx] does not contain declared merge key: name");
    }

    @Test
    void theInputsAreLeftUntouched() {
        JsonNode original = json("{'metadata':{'labels':{'a':'1'}}}");
        JsonNode modified = json("{'metadata':{'labels':{'b':'2'}}}");
        JsonNode current = json("{'metadata':{'labels':{'a':'1','c':'3'}}}");
        String before = original.toString() + modified + current;

        ObjectNode p = ThreeWayMerge.createThreeWayMergePatch(original, modified, current, "Pod");
        ThreeWayMerge.strategicMergePatch(current, p, "Pod");

        assertThat(original.toString() + modified + current).isEqualTo(before);
    }
}
