package academy.minicluster.web.course;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabFormatException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Puts the built-in labs into {@code lab_version} at start, as published versions with no author, so attempts and
 * instructors' labs live in one table. A row that exists is left alone: published versions are immutable, and a
 * changed built-in lab carries a new version number. Several app servers may start at once: INSERT ... ON CONFLICT
 * DO NOTHING lets exactly one of them insert each (lab_id, version).
 */
@ApplicationScoped
public class BuiltInLabsLoader {

    private static final Logger LOG = Logger.getLogger(BuiltInLabsLoader.class);

    @Inject
    EntityManager em;

    void onStart(@Observes StartupEvent event) throws LabFormatException {
        int inserted = load();
        LOG.infof("Built-in labs: %d in the jar, %d new in the database.", BuiltInLabs.ids().size(), inserted);
    }

    /** Inserts every built-in lab version the database lacks; returns how many rows were inserted. */
    public int load() throws LabFormatException {
        List<Lab> labs = BuiltInLabs.all();
        return QuarkusTransaction.requiringNew().call(() -> {
            int inserted = 0;
            for (Lab lab : labs) {
                String yaml = BuiltInLabs.text(lab.id()).orElseThrow();
                inserted += em.createNativeQuery("""
                                INSERT INTO lab_version (lab_id, version, yaml, title, lesson_id, author_id, published)
                                VALUES (?1, ?2, ?3, ?4, ?5, NULL, true)
                                ON CONFLICT (lab_id, version) DO NOTHING""")
                        .setParameter(1, lab.id())
                        .setParameter(2, lab.version())
                        .setParameter(3, yaml)
                        .setParameter(4, lab.title())
                        .setParameter(5, lab.lesson())
                        .executeUpdate();
            }
            return inserted;
        });
    }
}
