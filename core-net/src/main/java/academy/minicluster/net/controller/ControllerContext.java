package academy.minicluster.net.controller;

import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.api.EventRecorder;
import academy.minicluster.net.api.ObjectStore;
import academy.minicluster.net.api.SimulatedClock;
import academy.minicluster.net.profile.ClusterProfile;
import java.util.Random;

/**
 * What every controller works with: the store, the event recorder, the clock, the profile, and the cluster's one
 * seeded source of randomness (generated names, ClusterIPs, node ports), so a seed fixes every choice; and the
 * cluster's limits, which bind the controllers' creations as they bind kubectl's.
 */
public record ControllerContext(ObjectStore store, EventRecorder events, SimulatedClock clock, ClusterProfile profile,
                                Random random, ClusterLimits limits) {

    private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    /** A suffix like apimachinery's {@code rand.String(5)}: {@code web-7d4b9c8f6-x2kqp}. */
    public String randomSuffix(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(SAFE_ALPHABET.charAt(random.nextInt(SAFE_ALPHABET.length())));
        }
        return s.toString();
    }

    /** apimachinery's {@code rand.SafeEncodeString}: how pod-template-hash turns a hash into a label value. */
    public static String safeEncode(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            s.append(SAFE_ALPHABET.charAt(Byte.toUnsignedInt(b) % SAFE_ALPHABET.length()));
        }
        return s.toString();
    }
}
