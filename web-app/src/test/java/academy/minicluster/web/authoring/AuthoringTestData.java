package academy.minicluster.web.authoring;

import academy.minicluster.web.accounts.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Drafts and published versions written straight to the database, for labs of another author than the test's. */
@ApplicationScoped
public class AuthoringTestData {

    public String starter() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("authoring/starter.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional
    public void draft(String labId, String yaml, String author) {
        LabDraft.create(labId, yaml, Account.findByUsername(author).orElseThrow().id);
    }

    @Transactional
    public int publish(String labId, String author) {
        LabDraft draft = LabDraft.findByLabId(labId).orElseThrow();
        return LabVersion.publish(labId, draft.yaml, "Published by " + author, null,
                Account.findByUsername(author).orElseThrow().id).version;
    }

    @Transactional
    public int publishTitled(String labId, String title, String author) {
        LabDraft draft = LabDraft.findByLabId(labId).orElseThrow();
        return LabVersion.publish(labId, draft.yaml, title, null,
                Account.findByUsername(author).orElseThrow().id).version;
    }
}
