package academy.minicluster.web.cohorts;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Join codes: eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), so a code read aloud or
 * copied from a slide works; 31^8 (about 8.5e11) codes, drawn from a SecureRandom so they cannot be guessed in
 * sequence. Learners may type them in any case, with spaces or dashes.
 */
@ApplicationScoped
public class JoinCode {

    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int LENGTH = 8;

    private final SecureRandom random = new SecureRandom();

    /** A code no cohort has yet. */
    public String unused() {
        while (true) {
            String code = next();
            if (Cohort.byJoinCode(code).isEmpty()) {
                return code;
            }
        }
    }

    String next() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** What a learner typed, as codes are stored: upper case, without spaces or dashes. */
    public static String normalize(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }
}
