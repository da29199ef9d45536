package academy.minicluster.net.api;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The cluster's time. It starts at a fixed instant and moves only when the cluster says so (one second per
 * write), so timestamps, ages and log lines are the same on every run.
 */
public final class SimulatedClock {

    /** Every mini-cluster is born at this instant. */
    public static final Instant EPOCH = Instant.parse("2026-01-01T09:00:00Z");

    private long secondsSinceEpoch;
    /** The last timestamp written, and its second: controllers stamp many objects within one second. */
    private long stampedSecond = -1;
    private String stamp;

    /** A clock at the same instant, for a forked cluster: from here on each moves on its own. */
    public SimulatedClock copy() {
        SimulatedClock copy = new SimulatedClock();
        copy.secondsSinceEpoch = secondsSinceEpoch;
        return copy;
    }

    /** Writes what {@link #copy} copies: the time. */
    public void writeState(StateWriter out) {
        out.writeLong(secondsSinceEpoch);
    }

    /** Sets this clock to the time {@link #writeState} wrote. */
    public void readState(StateReader in) {
        secondsSinceEpoch = in.readLong();
    }

    public Instant now() {
        return EPOCH.plusSeconds(secondsSinceEpoch);
    }

    public long epochSecond() {
        return now().getEpochSecond();
    }

    /** Goes back to where {@code other} stands (see {@code Cluster.bootstrap}: an install that takes no time). */
    public void resumeFrom(SimulatedClock other) {
        secondsSinceEpoch = other.secondsSinceEpoch;
    }

    public void tick() {
        secondsSinceEpoch++;
    }

    public void advance(long seconds) {
        secondsSinceEpoch += Math.max(0, seconds);
    }

    /** RFC 3339, as metadata.creationTimestamp is written: {@code 2026-01-01T09:00:00Z}. */
    public String timestamp() {
        if (stampedSecond != secondsSinceEpoch) {
            stamp = rfc3339(EPOCH.getEpochSecond() + secondsSinceEpoch);
            stampedSecond = secondsSinceEpoch;
        }
        return stamp;
    }

    /**
     * What {@code DateTimeFormatter.ISO_INSTANT} writes for a whole second between the years 1000 and 9999
     * ({@code 2026-01-01T09:00:00Z}), without its formatter: every write stamps a new second.
     */
    static String rfc3339(long epochSecond) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(epochSecond, 0, java.time.ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(epochSecond));
        }
        char[] c = "0000-00-00T00:00:00Z".toCharArray();
        digits(c, 0, 4, t.getYear());
        digits(c, 5, 2, t.getMonthValue());
        digits(c, 8, 2, t.getDayOfMonth());
        digits(c, 11, 2, t.getHour());
        digits(c, 14, 2, t.getMinute());
        digits(c, 17, 2, t.getSecond());
        return new String(c);
    }

    private static void digits(char[] into, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** kubectl's AGE column for something created at {@code rfc3339}: 5s, 3m, 2m10s, 4h, 2d. */
    public String age(String rfc3339) {
        if (rfc3339 == null) {
            return "<unknown>";
        }
        long seconds = Math.max(0, now().getEpochSecond() - epochSecondOf(rfc3339));
        return humanDuration(seconds);
    }

    /**
     * The epoch second of an RFC 3339 timestamp. The cluster writes them all as {@code 2026-01-01T09:00:00Z}, which
     * is read here directly; anything else goes through {@link Instant#parse} (and its exception).
     */
    public static long epochSecondOf(String rfc3339) {
        if (rfc3339.length() == 20 && rfc3339.charAt(4) == '-' && rfc3339.charAt(7) == '-' && rfc3339.charAt(10) == 'T'
                && rfc3339.charAt(13) == ':' && rfc3339.charAt(16) == ':' && rfc3339.charAt(19) == 'Z') {
            try {
                return java.time.LocalDateTime.of(Integer.parseInt(rfc3339, 0, 4, 10),
                        Integer.parseInt(rfc3339, 5, 7, 10), Integer.parseInt(rfc3339, 8, 10, 10),
                        Integer.parseInt(rfc3339, 11, 13, 10), Integer.parseInt(rfc3339, 14, 16, 10),
                        Integer.parseInt(rfc3339, 17, 19, 10)).toEpochSecond(java.time.ZoneOffset.UTC);
            } catch (NumberFormatException | java.time.DateTimeException e) {
                // not the cluster's own format after all: let Instant.parse say what is wrong
            }
        }
        return Instant.parse(rfc3339).getEpochSecond();
    }

    /** apimachinery's {@code duration.HumanDuration}, the format of kubectl's AGE column. */
    public static String humanDuration(long seconds) {
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = seconds / 3600;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        long days = hours / 24;
        return days + "d";
    }
}
