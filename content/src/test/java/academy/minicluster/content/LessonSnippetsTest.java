package academy.minicluster.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LessonSnippetsTest {

    static final String MANIFEST = "<pre><code class=\"language-yaml\">apiVersion: v1\nkind: Service\nmetadata:\n"
            + "  name: &quot;web&quot;\n</code></pre>\n";
    static final String SESSION = "<pre><code class=\"language-console\">$ kubectl get pods\nNAME   READY\n"
            + "$ kubectl exec client -- curl -sS http://web/ &amp;&amp; echo ok\nhello\n</code></pre>\n";
    static final String OUTPUT_ONLY = "<pre><code>NAME   READY\n</code></pre>\n";
    static final String NOT_A_MANIFEST = "<pre><code class=\"language-yaml\">selector:\n  app: web\n</code></pre>\n";

    @Test
    void aManifestBlockIsASnippetForTheEditorWithItsTextUnescaped() {
        LessonSnippets.Tried tried = LessonSnippets.of("l", MANIFEST);

        assertThat(tried.snippets()).singleElement().satisfies(s -> {
            assertThat(s.manifest()).isTrue();
            assertThat(s.text()).isEqualTo("apiVersion: v1\nkind: Service\nmetadata:\n  name: \"web\"\n");
        });
    }

    @Test
    void aConsoleBlockOffersItsPromptedCommandsWithoutTheirOutput() {
        LessonSnippets.Snippet s = LessonSnippets.of("l", SESSION).snippets().get(0);

        assertThat(s.manifest()).isFalse();
        assertThat(s.commands()).containsExactly("kubectl get pods",
                "kubectl exec client -- curl -sS http://web/ && echo ok");
    }

    @Test
    void commandsReadingALessonsFileAreLeftOutAndABlockOfOnlySuchCommandsGetsNoLink() {
        String session = "<pre><code class=\"language-console\">$ kubectl apply -f hello.yaml\ncreated\n"
                + "$ kubectl apply -f - &lt; x\n$ kubectl get pods\n</code></pre>\n";
        String onlyFiles = "<pre><code class=\"language-console\">$ kubectl apply --filename=web.yaml\n"
                + "</code></pre>\n";

        LessonSnippets.Tried tried = LessonSnippets.of("l", session + onlyFiles);

        assertThat(tried.snippets()).singleElement()
                .satisfies(s -> assertThat(s.commands()).containsExactly("kubectl apply -f - < x", "kubectl get pods"));
    }

    @Test
    void eachSnippetIsFollowedByAnAccessibleLinkToThePlaygroundNumberedInOrder() {
        String html = LessonSnippets.of("services", MANIFEST + OUTPUT_ONLY + SESSION).html();

        assertThat(html).containsSubsequence("</pre>",
                "<a href=\"/playground?lesson=services&amp;snippet=1\"", "Try it in the playground",
                "this manifest in the editor", "NAME   READY",
                "<a href=\"/playground?lesson=services&amp;snippet=2\"", "these commands in the console");
    }

    @Test
    void plainOutputAndYamlThatIsNoManifestGetNoLink() {
        LessonSnippets.Tried tried = LessonSnippets.of("l", OUTPUT_ONLY + NOT_A_MANIFEST);

        assertThat(tried.snippets()).isEmpty();
        assertThat(tried.html()).isEqualTo(OUTPUT_ONLY + NOT_A_MANIFEST);
    }

    @Test
    void aSnippetIsFoundByItsNumberAndNoOtherNumberFindsOne() {
        LessonSnippets.Tried tried = LessonSnippets.of("l", MANIFEST + SESSION);

        assertThat(tried.snippet(2)).hasValueSatisfying(s -> assertThat(s.number()).isEqualTo(2));
        assertThat(tried.snippet(0)).isEmpty();
        assertThat(tried.snippet(3)).isEmpty();
    }

    @Test
    void aManifestShownRefusedDeclaresTheRefusalAndIsLeftOutOfLaterSetups() {
        String bad = "<pre><code class=\"language-yaml\">apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\n"
                + "</code></pre>\n";
        String refused = "<pre><code class=\"language-console\">$ kubectl apply -f bad.yaml\n"
                + "The Service &quot;bad&quot; is invalid: spec.ports: Required value\n</code></pre>\n";
        LessonSnippets.Tried tried = LessonSnippets.of("l", MANIFEST + bad + refused + SESSION);

        assertThat(tried.snippet(1).orElseThrow().refusedOnPurpose()).isFalse();
        assertThat(tried.snippet(2).orElseThrow().refusal())
                .isEqualTo("The Service \"bad\" is invalid: spec.ports: Required value");
        assertThat(tried.snippet(3).orElseThrow().setup()).extracting(LessonSnippets.Step::text)
                .containsExactly(tried.snippet(1).orElseThrow().text());
    }
}
