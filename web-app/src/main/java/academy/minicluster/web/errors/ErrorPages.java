package academy.minicluster.web.errors;

import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.accounts.Viewer;
import academy.minicluster.web.api.ApiError;
import academy.minicluster.web.operations.DatabaseUnavailable;
import academy.minicluster.web.operations.DatabaseUnavailableMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Errors answered as pages in the platform's layout (its header, the reader's name and role, a way on), never as
 * Quarkus' empty or bare answers: 403 says who the page is for and who the reader is signed in as, 404 what was not
 * found, 500 that the failure is the platform's, with the request id to quote. The JSON API ({@code /api/**}, or a
 * client that accepts JSON and not HTML) keeps JSON errors ({@link ApiError}).
 *
 * <p>Only failures inside a resource are mapped here; a URL no route answers reaches {@link UnmatchedRequests}, which
 * hands it to {@link ErrorPagesResource}. Errors that other mappers own (the database down: 503; a storage quota:
 * 413; unreadable JSON: 400; sign-in: 401/302) keep their answers, being mapped by more specific types.
 */
@ApplicationScoped
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(ErrorPage page);
    }

    /** Where quarkus-rest-csrf keeps a request's token ({@code inject:csrf.token} reads it there). */
    static final String CSRF_TOKEN = "csrf_token";

    private final SecureRandom random = new SecureRandom();

    @Inject
    Viewer viewer;

    @ConfigProperty(name = "quarkus.rest-csrf.cookie-name", defaultValue = "csrf-token")
    String csrfCookie;

    @ConfigProperty(name = "quarkus.rest-csrf.token-size", defaultValue = "16")
    int csrfTokenSize;

    @ConfigProperty(name = "quarkus.rest-csrf.cookie-max-age", defaultValue = "2H")
    Duration csrfCookieMaxAge;

    /** A signed-in reader without the role the resource requires ({@code @RolesAllowed}). */
    @ServerExceptionMapper
    public Response forbiddenByRole(io.quarkus.security.ForbiddenException e, ResourceInfo resource,
                                    RoutingContext rc) {
        Set<String> roles = rolesAllowed(resource);
        return forbidden(rc, roles.isEmpty() ? "You are not allowed to open this page."
                : "This page is for " + forWhom(roles) + ". " + signedInAs() + ".", roles);
    }

    /** A resource's own refusal: an instructor opening another instructor's cohort. */
    @ServerExceptionMapper
    public Response forbiddenByResource(jakarta.ws.rs.ForbiddenException e, RoutingContext rc) {
        String reason = e.getMessage() == null || e.getMessage().startsWith("HTTP 403")
                ? "You are not allowed to open this page." : e.getMessage();
        return forbidden(rc, reason, Set.of());
    }

    /** The words of Quarkus' NotFoundException when no resource method matches the path. */
    static final String NO_RESOURCE_METHOD = "Unable to find matching target resource method";

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, RoutingContext rc) {
        String said = e.getMessage();
        boolean unmatched = said == null || said.startsWith("HTTP 404") || said.startsWith(NO_RESOURCE_METHOD);
        if (wantsJson(rc)) {
            return ApiError.response(Response.Status.NOT_FOUND, unmatched ? UnmatchedRequests.apiMessage(rc)
                    : said);
        }
        if (unmatched) {
            return page(rc, notFoundPage(rc.request().path()));
        }
        String reason = withFullStop(said);
        return page(rc, new ErrorPage(404, "Not found", reason, waysOn(), ""));
    }

    /**
     * Anything a resource threw that no other mapper owns. A {@link WebApplicationException} keeps the answer it
     * carries (405 with its Allow header, 415, ...), as Quarkus gives it; a database that cannot be reached is 503, as
     * {@link DatabaseUnavailableMapper} answers; the rest is the platform's fault: logged with the request id, and
     * answered 500 with that id and no detail of the failure.
     */
    @ServerExceptionMapper
    public Response failed(Throwable e, RoutingContext rc) {
        if (e instanceof NotFoundException notFound) {
            return notFound(notFound, rc);
        }
        if (e instanceof WebApplicationException answered) {
            return statusAnswer(answered.getResponse(), rc);
        }
        if (DatabaseUnavailable.causedBy(e)) {
            return DatabaseUnavailableMapper.serviceUnavailable();
        }
        String requestId = requestId(rc);
        LOG.errorf(e, "%s %s failed, request %s", rc.request().method().name(), rc.request().path(), requestId);
        if (wantsJson(rc)) {
            return ApiError.response(Response.Status.INTERNAL_SERVER_ERROR, apiMessage(500, "", "", requestId));
        }
        return page(rc, statusPage(500, rc.request().method().name(), rc.request().path(), "", "", requestId));
    }

    /**
     * The answer a resource (or Quarkus on its behalf: 405, 406, 415) gave with a status and no words: a browser gets
     * the page of that status, an API client its JSON error; the headers it carries (a 405's {@code Allow}) are kept.
     * An answer with words of its own, a redirect, or sign-in's 401 is sent as it is.
     */
    Response statusAnswer(Response answer, RoutingContext rc) {
        int status = answer.getStatus();
        if (answer.hasEntity() || status < 400 || status == 401) {
            return answer;
        }
        String method = rc.request().method().name();
        String path = rc.request().path();
        Response.ResponseBuilder styled;
        if (wantsJson(rc)) {
            styled = Response.fromResponse(ApiError.response(status, FailedRequests.reasonPhrase(status),
                    apiMessage(status, method, path, "")));
        } else {
            String allow = answer.getHeaderString("Allow");
            styled = Response.fromResponse(page(rc, statusPage(status, method, path, allow == null ? "" : allow, "",
                    requestId(rc))));
        }
        answer.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> styled.header(name, v));
            }
        });
        return styled.build();
    }

    /**
     * An answer of 400 or more without words, however RESTEasy reached it (a 405 or 415 found while matching the
     * request to a resource is answered before any exception mapper), gets the words of its status: the page for a
     * browser, the JSON error for an API client. Its headers (a 405's {@code Allow}) stay.
     */
    @ServerResponseFilter
    public void wordless(ContainerResponseContext response, RoutingContext rc) {
        int status = response.getStatus();
        if (response.hasEntity() || status < 400 || status == 401) {
            return;
        }
        String method = rc.request().method().name();
        String path = rc.request().path();
        if (wantsJson(rc)) {
            response.setEntity(new ApiError(status, FailedRequests.reasonPhrase(status),
                    apiMessage(status, method, path, status >= 500 ? requestId(rc) : "")), null,
                    MediaType.APPLICATION_JSON_TYPE);
            return;
        }
        ensureCsrfToken(rc);
        String allow = response.getHeaderString("Allow");
        response.setEntity(Templates.error(statusPage(status, method, path, allow == null ? "" : allow, "",
                requestId(rc))), null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    /**
     * The page of a status, for a request that failed with no words of its own: what the status means to the reader
     * and what to do. {@code reason}, when not "", is the refusing handler's own words; {@code allow} the methods a
     * 405's path takes.
     */
    ErrorPage statusPage(int status, String method, String path, String allow, String reason, String requestId) {
        String said = reason.isEmpty() ? "" : withFullStop(reason) + " ";
        return switch (status) {
            case 400 -> new ErrorPage(400, "The request could not be read",
                    said + "What your browser sent to " + path + " is not something the platform can read. Go back, "
                            + "reload the page and try again.", waysOn(), "");
            case 403 -> new ErrorPage(403, "Not allowed",
                    said + signedInAs() + ", and " + path + " is not open to you. If you think it should be, ask "
                            + "your instructor or an administrator.", waysOn(), "");
            case 404 -> notFoundPage(path);
            case 405 -> new ErrorPage(405, "Not something this address does",
                    said + path + " does not answer " + method + (allow.isEmpty() ? "" : " (it answers " + allow + ")")
                            + ". Follow the page's own links and buttons rather than typing the address.",
                    waysOn(), "");
            case 406 -> new ErrorPage(406, "Not available in that form",
                    said + path + " has no answer in a form your browser accepts.", waysOn(), "");
            case 413 -> new ErrorPage(413, "That was too much to send",
                    (said.isEmpty() ? "What you sent is larger than the platform accepts. " : said)
                            + "Nothing was saved. Go back, make it shorter (for a lab's YAML, split it into several "
                            + "applies), and send it again.", waysOn(), "");
            case 414 -> new ErrorPage(414, "That address is too long",
                    said + "Addresses that long are not the platform's own: follow its links and buttons, "
                            + "or shorten what you typed in the address bar.", waysOn(), "");
            case 431 -> new ErrorPage(431, "Too much sent with the request",
                    said + "Usually cookies piled up: clear this site's cookies in your browser, then sign in "
                            + "again.", waysOn(), "");
            case 415 -> new ErrorPage(415, "Not in a form the platform reads",
                    said + path + " does not read what was sent in that format. Use the page's own form or button, "
                            + "which send it the way it reads.", waysOn(), "");
            default -> status >= 500 ? new ErrorPage(status, "Something went wrong on our side",
                    "The platform failed to answer this request. It is not something you did, and what you had "
                            + "applied or written before is kept. Try again in a moment; if it keeps failing, tell "
                            + "your instructor the request id below.", waysOn(), requestId)
                    : new ErrorPage(status, "That did not work",
                    said + "The platform answered " + status + " " + FailedRequests.reasonPhrase(status) + " to "
                            + method + " " + path + ".", waysOn(), "");
        };
    }

    /** The words of the JSON error of a status (for a 500, the request id to quote). */
    static String apiMessage(int status, String method, String path, String reasonOrRequestId) {
        if (status >= 500) {
            return "the platform failed to answer (request " + reasonOrRequestId + "); nothing was changed by it";
        }
        if (!reasonOrRequestId.isEmpty()) {
            return reasonOrRequestId;
        }
        return switch (status) {
            case 405 -> method + " is not allowed on " + path;
            case 406 -> path + " has no answer in an accepted media type";
            case 413 -> "request body too large";
            case 415 -> path + " does not read that media type";
            default -> FailedRequests.reasonPhrase(status).toLowerCase(Locale.ROOT) + ": " + method + " "
                    + path;
        };
    }

    static String requestId(RoutingContext rc) {
        return rc.get("requestId") == null ? "" : rc.get("requestId").toString();
    }

    private Response forbidden(RoutingContext rc, String reason, Set<String> roles) {
        if (wantsJson(rc)) {
            return ApiError.response(Response.Status.FORBIDDEN, reason);
        }
        String heading = roles.isEmpty() ? "Not allowed" : "This page is for " + forWhom(roles);
        return page(rc, new ErrorPage(403, heading, reason, waysOn(), ""));
    }

    /** The page of a URL nothing answers. */
    ErrorPage notFoundPage(String path) {
        return new ErrorPage(404, "Page not found",
                "There is no page at " + path + ". The address may be mistyped, or the page was moved or removed.",
                waysOn(), "");
    }

    Response page(RoutingContext rc, ErrorPage page) {
        ensureCsrfToken(rc);
        return Response.status(page.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(page)).build();
    }

    /**
     * The layout's sign-out form needs the request's CSRF token, which quarkus-rest-csrf's filter sets; a request
     * refused before the filters ran (a role check, an unknown path) has none. As the filter does for a page: the
     * token is the csrf cookie's when the browser sent a valid one (no signature key is configured, so the cookie
     * holds the token itself), else a new one, sent as that cookie.
     */
    private void ensureCsrfToken(RoutingContext rc) {
        if (rc.get(CSRF_TOKEN) != null) {
            return;
        }
        Cookie sent = rc.request().getCookie(csrfCookie);
        String token = sent == null ? null : sent.getValue();
        if (token == null || decodedLength(token) != csrfTokenSize) {
            byte[] bytes = new byte[csrfTokenSize];
            random.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            rc.response().addCookie(Cookie.cookie(csrfCookie, token).setPath("/").setHttpOnly(true)
                    .setMaxAge(csrfCookieMaxAge.toSeconds()));
        }
        rc.put(CSRF_TOKEN, token);
    }

    private static int decodedLength(String token) {
        try {
            return Base64.getUrlDecoder().decode(token).length;
        } catch (IllegalArgumentException notBase64) {
            return -1;
        }
    }

    /** Where a reader can go from an error page: what everyone has, and what the reader's role adds. */
    List<ErrorPage.WayOn> waysOn() {
        List<ErrorPage.WayOn> ways = new ArrayList<>();
        ways.add(new ErrorPage.WayOn("/", "Home"));
        ways.add(new ErrorPage.WayOn("/course", "The course"));
        ways.add(new ErrorPage.WayOn("/labs", "All labs"));
        if (viewer.isSignedIn()) {
            ways.add(new ErrorPage.WayOn("/playground", "The playground"));
        } else {
            ways.add(new ErrorPage.WayOn("/login", "Sign in"));
        }
        if (viewer.isInstructor()) {
            ways.add(new ErrorPage.WayOn("/cohorts", "Your cohorts"));
        }
        return ways;
    }

    private String signedInAs() {
        if (!viewer.isSignedIn()) {
            return "You are not signed in";
        }
        String role = viewer.getRole();
        return "You are signed in as " + viewer.getUsername() + ", " + article(role) + " " + role;
    }

    /** The roles a resource method (or its class) allows, admin left out when others are named: admins may do all. */
    static Set<String> rolesAllowed(ResourceInfo resource) {
        Set<String> roles = new TreeSet<>();
        if (resource == null) {
            return roles;
        }
        Method method = resource.getResourceMethod();
        RolesAllowed allowed = method == null ? null : method.getAnnotation(RolesAllowed.class);
        if (allowed == null && resource.getResourceClass() != null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (allowed != null) {
            roles.addAll(Arrays.asList(allowed.value()));
        }
        if (roles.size() > 1) {
            roles.remove(Role.ADMIN_VALUE);
        }
        return roles;
    }

    /** {@code [instructor]} as "instructors", {@code [instructor, learner]} as "instructors and learners". */
    static String forWhom(Set<String> roles) {
        return String.join(" and ", roles.stream().map(r -> r + "s").toList());
    }

    private static String article(String word) {
        return !word.isEmpty() && "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    private static String withFullStop(String said) {
        return said.endsWith(".") ? said : said + ".";
    }

    /** The JSON API, or a client that asks for JSON and not HTML. */
    static boolean wantsJson(RoutingContext rc) {
        if (rc.request().path().startsWith("/api/")) {
            return true;
        }
        String accept = rc.request().getHeader("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }
}
