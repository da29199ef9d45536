package academy.minicluster.web.accounts;

import java.net.URI;
import java.util.Optional;

/**
 * Why a visitor was sent to the login page: form login redirects an anonymous request for a page that needs an
 * account to {@code /login} and keeps the page it asked for in a cookie (to return there after signing in). The
 * login page reads that cookie to say what they tried to open and why it needs an account, instead of a bare form.
 *
 * @param path the page asked for (its path only: the cookie comes from the browser, so nothing else is echoed)
 * @param why  why that page needs an account
 */
public record SignInReason(String path, String why) {

    /** The cookie in which Quarkus' form login keeps the page asked for. */
    public static final String REDIRECT_COOKIE = "quarkus-redirect-location";

    /** The reason for the page at {@code location} (the cookie's value: a URL or a path); empty without one. */
    public static Optional<SignInReason> of(String location) {
        if (location == null || location.isBlank()) {
            return Optional.empty();
        }
        String path;
        try {
            path = URI.create(location.strip()).getPath();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (path == null || path.isEmpty() || path.equals("/login")) {
            return Optional.empty();
        }
        return Optional.of(new SignInReason(path, why(path)));
    }

    private static String why(String path) {
        if (path.startsWith("/labs/")) {
            return "Each lab runs on a cluster of your own and keeps your attempts, so labs need an account.";
        }
        if (path.startsWith("/playground")) {
            return "The playground gives you a cluster of your own and keeps what you did, so it needs an account.";
        }
        if (path.startsWith("/join")) {
            return "Joining a cohort lets your instructor follow your work, so it needs your account.";
        }
        if (path.startsWith("/author") || path.startsWith("/cohorts")) {
            return "This page is for instructors: sign in with an instructor's account.";
        }
        if (path.startsWith("/admin")) {
            return "This page is for administrators: sign in with an administrator's account.";
        }
        return "This page shows your own work, so it needs you signed in.";
    }
}
