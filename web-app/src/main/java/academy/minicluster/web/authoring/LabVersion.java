package academy.minicluster.web.authoring;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.Immutable;

/**
 * One published version of a lab: its YAML exactly as published. Immutable ({@link Immutable}: Hibernate never
 * writes an update for it), because an attempt names the version it was graded against and a past grade must keep
 * meaning what it meant.
 */
@Entity(name = "AuthoringLabVersion")
@Table(name = "lab_version")
@Immutable
public class LabVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "lab_id", nullable = false, length = 100)
    public String labId;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String yaml;

    @Column(nullable = false, length = 200)
    public String title;

    @Column(name = "lesson_id", length = 100)
    public String lessonId;

    @Column(name = "author_id")
    public Long authorId;

    @Column(nullable = false)
    public boolean published;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<LabVersion> find(String labId, int version) {
        return find("labId = ?1 and version = ?2", labId, version).firstResultOptional();
    }

    /** The lab's versions, newest first. */
    public static List<LabVersion> history(String labId) {
        return list("labId = ?1 order by version desc", labId);
    }

    /** The highest version number of {@code labId}, or 0 when it has none. */
    public static int latestNumber(String labId) {
        Integer max = getEntityManager()
                .createQuery("select max(v.version) from AuthoringLabVersion v where v.labId = :lab", Integer.class)
                .setParameter("lab", labId).getSingleResult();
        return max == null ? 0 : max;
    }

    /** Whether someone other than {@code authorId} has published under {@code labId}. */
    public static boolean publishedByOther(String labId, Long authorId) {
        return count("labId = ?1 and (authorId is null or authorId <> ?2)", labId, authorId) > 0;
    }

    /** Persists the next version of {@code labId}; call inside a transaction. */
    public static LabVersion publish(String labId, String yaml, String title, String lessonId, Long authorId) {
        LabVersion v = new LabVersion();
        v.labId = labId;
        v.version = latestNumber(labId) + 1;
        v.yaml = yaml;
        v.title = title;
        v.lessonId = lessonId;
        v.authorId = authorId;
        v.published = true;
        v.createdAt = Instant.now();
        v.persist();
        return v;
    }
}
