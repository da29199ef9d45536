package academy.minicluster.web.workspace;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabFormatException;
import academy.minicluster.labs.lab.LabParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Finds the lab a learner works on: the newest published {@code lab_version} row, or the built-in lab of that id when
 * the table has none (before the course loader has stored the built-ins). A specific version is looked up the same
 * way, so a workspace keeps the version it was opened on.
 */
@ApplicationScoped
public class LabCatalog {

    private static final Logger LOG = Logger.getLogger(LabCatalog.class);

    @Inject
    EntityManager em;

    /** The lab's current published version. */
    public Optional<Lab> current(String labId) {
        return stored(labId, null).or(() -> builtIn(labId));
    }

    /** The lab at {@code version}, or its current version if that one is not stored. */
    public Optional<Lab> version(String labId, Integer version) {
        if (version == null) {
            return current(labId);
        }
        return stored(labId, version)
                .or(() -> builtIn(labId).filter(l -> l.version() == version))
                .or(() -> current(labId));
    }

    private Optional<Lab> stored(String labId, Integer version) {
        String sql = "select yaml from lab_version where lab_id = ?1 and published"
                + (version == null ? "" : " and version = ?2") + " order by version desc";
        var query = em.createNativeQuery(sql).setParameter(1, labId).setMaxResults(1);
        if (version != null) {
            query.setParameter(2, version);
        }
        @SuppressWarnings("unchecked")
        List<Object> rows = query.getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LabParser.parse((String) rows.get(0), "lab_version:" + labId));
        } catch (LabFormatException e) {
            LOG.warnf("Stored lab %s does not parse: %s", labId, e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Lab> builtIn(String labId) {
        try {
            return BuiltInLabs.load(labId);
        } catch (LabFormatException e) {
            LOG.warnf("Built-in lab %s does not parse: %s", labId, e.getMessage());
            return Optional.empty();
        }
    }
}
