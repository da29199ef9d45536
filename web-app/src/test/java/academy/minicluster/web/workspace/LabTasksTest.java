package academy.minicluster.web.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabParser;
import academy.minicluster.web.authoring.SafeMarkdown;
import org.junit.jupiter.api.Test;

class LabTasksTest {

    @Test
    void aLabVersionsTasksAreRenderedOnceAndShownAsSafeMarkdownRendersThem() throws Exception {
        Lab lab = BuiltInLabs.load(LabWorkspaceResourceTest.LAB).orElseThrow();

        String first = LabWorkspaceResource.tasksHtml(lab);

        assertThat(first).isEqualTo(SafeMarkdown.render(lab.tasks()));
        assertThat(LabWorkspaceResource.tasksHtml(lab)).isSameAs(first);
    }

    @Test
    void theSameIdAndVersionWithOtherTasksIsRenderedAgainNotShownStale() throws Exception {
        String text = BuiltInLabs.text("fix-wrong-selector").orElseThrow();
        Lab lab = LabParser.parse(text, "built-in");
        Lab edited = LabParser.parse(text.replace(lab.tasks().strip().lines().findFirst().orElseThrow(),
                "Something else entirely"), "edited");
        assertThat(edited.version()).isEqualTo(lab.version());

        LabWorkspaceResource.tasksHtml(lab);

        assertThat(LabWorkspaceResource.tasksHtml(edited)).contains("Something else entirely")
                .isEqualTo(SafeMarkdown.render(edited.tasks()));
    }
}
