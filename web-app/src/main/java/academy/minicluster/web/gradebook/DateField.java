package academy.minicluster.web.gradebook;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A date and time typed in a form's {@code datetime-local} field ({@code 2026-12-14T17:00}), in the time zone the
 * page sent with it (the browser's, filled in by local-time.js; UTC without script).
 */
public final class DateField {

    private DateField() {
    }

    /** The zone named {@code zone}, or UTC when it is missing or unknown. */
    public static ZoneId zone(String zone) {
        if (zone == null || zone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** The instant typed as {@code value} in {@code zone}; a clear message naming {@code field} otherwise. */
    public static Instant parse(String field, String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Give the " + field + " date and time.");
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("The " + field + " \"" + value.strip()
                    + "\" is not a date and time like 2026-12-14T17:00.");
        }
    }
}
