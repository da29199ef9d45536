package academy.minicluster.web.accounts;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing: after {@code minicluster.sign-in.max-failures-per-account} (5) failed sign-ins for one
 * username, or {@code ...-per-address} (20) from one client address, within {@code minicluster.sign-in.window}
 * (15 minutes), further sign-ins for that username or from that address are refused, right password or not, until
 * the oldest of those failures leaves the window. The failures are rows in PostgreSQL, so every replica counts the
 * same ones. Usernames are counted whether or not such an account exists, and the refusal is worded the same, so
 * the throttle tells nobody which accounts exist.
 */
@ApplicationScoped
public class SignInThrottle {

    /** A sign-in refused without checking the password, and for how long such attempts will be. */
    public record Throttled(Duration retryAfter) {
        public long retryAfterSeconds() {
            return Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
        }
    }

    private final AgroalDataSource dataSource;
    private final int perAccount;
    private final int perAddress;
    private final Duration window;

    SignInThrottle(AgroalDataSource dataSource,
                   @ConfigProperty(name = "minicluster.sign-in.max-failures-per-account", defaultValue = "5")
                   int perAccount,
                   @ConfigProperty(name = "minicluster.sign-in.max-failures-per-address", defaultValue = "20")
                   int perAddress,
                   @ConfigProperty(name = "minicluster.sign-in.window", defaultValue = "PT15M") Duration window) {
        this.dataSource = dataSource;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.window = window;
    }

    /** Empty when {@code username} may try from {@code address} now; else how long until it may. */
    public Optional<Throttled> check(String username, String address) {
        Instant now = Instant.now();
        Instant since = now.minus(window);
        try (Connection c = dataSource.getConnection()) {
            Optional<Instant> byAccount = oldestCounted(c, "username", key(username), perAccount, since);
            Optional<Instant> byAddress = oldestCounted(c, "address", address, perAddress, since);
            return Stream.of(byAccount, byAddress).flatMap(Optional::stream).max(Comparator.naturalOrder())
                    .map(oldest -> new Throttled(Duration.between(now, oldest.plus(window))));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the sign-in failures", e);
        }
    }

    /** Counts a failed sign-in, and forgets failures older than the window. */
    public void failed(String username, String address) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement prune = c.prepareStatement("DELETE FROM sign_in_failure WHERE failed_at < ?");
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO sign_in_failure (username, address, failed_at) VALUES (?, ?, ?)")) {
            Instant now = Instant.now();
            prune.setTimestamp(1, Timestamp.from(now.minus(window)));
            prune.executeUpdate();
            s.setString(1, key(username));
            s.setString(2, address);
            s.setTimestamp(3, Timestamp.from(now));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not count a failed sign-in", e);
        }
    }

    /** A successful sign-in clears its username's failures (not its address's: one address, many people). */
    public void succeeded(String username) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM sign_in_failure WHERE username = ?")) {
            s.setString(1, key(username));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not clear the sign-in failures", e);
        }
    }

    /**
     * When {@code limit} or more failures of {@code value} are in the window: the time of the one that must leave it
     * before another attempt is allowed (the {@code limit}-th newest).
     */
    private static Optional<Instant> oldestCounted(Connection c, String column, String value, int limit,
                                                   Instant since) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT failed_at FROM sign_in_failure WHERE " + column
                + " = ? AND failed_at >= ? ORDER BY failed_at DESC OFFSET ? LIMIT 1")) {
            s.setString(1, value);
            s.setTimestamp(2, Timestamp.from(since));
            s.setInt(3, limit - 1);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        }
    }

    /** Usernames are lower-case; what was typed is counted as the account it would be. */
    private static String key(String username) {
        String typed = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return typed.length() > 200 ? typed.substring(0, 200) : typed;
    }
}
