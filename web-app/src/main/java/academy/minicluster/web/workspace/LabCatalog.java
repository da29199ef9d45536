package academy.minicluster.web.workspace;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabFormatException;
import academy.minicluster.labs.lab.LabParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * Parsed published versions, by {@code labId@version}. A published version never changes (lab_version rows are
     * immutable; a new publish is a new version), so each is parsed once per server instead of at every attempt
     * and page. Holds one entry per published version ever asked for: labs are a few KB each.
     */
    private final Map<String, Lab> parsed = new ConcurrentHashMap<>();

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
        String sql = "select version from lab_version where lab_id = ?1 and published"
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
        int found = ((Number) rows.get(0)).intValue();
        Lab lab = parsed.get(labId + "@" + found);
        if (lab != null) {
            return Optional.of(lab);
        }
        String yaml = (String) em.createNativeQuery("select yaml from lab_version where lab_id = ?1 and version = ?2")
                .setParameter(1, labId).setParameter(2, found).getSingleResult();
        try {
            lab = LabParser.parse(yaml, "lab_version:" + labId);
        } catch (LabFormatException e) {
            LOG.warnf("Stored lab %s does not parse: %s", labId, e.getMessage());
            return Optional.empty();
        }
        parsed.put(labId + "@" + found, lab);
        return Optional.of(lab);
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
