package academy.minicluster.web.workspace;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabFormatException;
import academy.minicluster.labs.lab.LabParser;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
    AgroalDataSource dataSource;

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

    /**
     * The published {@code version} of the lab, known to be published (read with the other published labs, see
     * {@code CourseProgress.publishedLabs}): from this server's parsed versions without a statement when it was
     * parsed before, else as {@link #version} finds it.
     */
    public Optional<Lab> published(String labId, int version) {
        Lab lab = parsed.get(labId + "@" + version);
        return lab != null ? Optional.of(lab) : version(labId, version);
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

    /**
     * The stored published version (the newest, or {@code version}), parsed once per server. One plain JDBC statement
     * per lookup (the newest version's number; its YAML is read only the first time): this runs at every attempt and
     * lab page, and a Hibernate native query cost several times the statement itself (query plan, result
     * transformation, the session's flush check). Within a caller's transaction the pool hands out that
     * transaction's connection, so the lookup sees what it sees.
     */
    private Optional<Lab> stored(String labId, Integer version) {
        String sql = version == null ? NEWEST : GIVEN;
        int found;
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, labId);
            if (version != null) {
                q.setInt(2, version);
            }
            try (ResultSet rows = q.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                found = rows.getInt(1);
            }
            Lab lab = parsed.get(labId + "@" + found);
            if (lab != null) {
                return Optional.of(lab);
            }
            return parse(c, labId, found);
        } catch (SQLException e) {
            throw new PersistenceException("Could not read lab " + labId, e);
        }
    }

    private static final String NEWEST =
            "select version from lab_version where lab_id = ? and published order by version desc limit 1";
    private static final String GIVEN =
            "select version from lab_version where lab_id = ? and published and version = ?";

    private Optional<Lab> parse(Connection c, String labId, int version) throws SQLException {
        String yaml;
        try (PreparedStatement q = c.prepareStatement("select yaml from lab_version where lab_id = ? and version = ?")) {
            q.setString(1, labId);
            q.setInt(2, version);
            try (ResultSet rows = q.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                yaml = rows.getString(1);
            }
        }
        Lab lab;
        try {
            lab = LabParser.parse(yaml, "lab_version:" + labId);
        } catch (LabFormatException e) {
            LOG.warnf("Stored lab %s does not parse: %s", labId, e.getMessage());
            return Optional.empty();
        }
        parsed.put(labId + "@" + version, lab);
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
