package academy.minicluster.web.display;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How pages show a moment: {@code <time datetime="{t.datetime}" data-local>{t.readable}</time>}. The attribute is
 * the machine form (ISO 8601, UTC, whole seconds); the text is a readable UTC fallback that the app bundle's
 * local-time.js rewrites in the viewer's time zone and language. Without script the reader still gets a clear
 * date, never {@code 2026-12-07T03:15:45.180101Z}.
 */
@TemplateExtension
public final class Times {

    private static final DateTimeFormatter READABLE =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** {@code 2026-12-07T03:15:45Z}: the {@code datetime} attribute. */
    public static String datetime(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code 7 Dec 2026, 03:15 UTC}: the text before the script localizes it. */
    public static String readable(Instant at) {
        return READABLE.format(at);
    }

    /** "1 h 05 min", "12 min", "under 1 min": a span of active time. */
    public static String spent(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return d.isZero() ? "none" : "under 1 min";
        }
        return minutes < 60 ? minutes + " min" : String.format(Locale.ROOT, "%d h %02d min", minutes / 60,
                minutes % 60);
    }
}
