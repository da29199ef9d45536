package academy.minicluster.net.dataplane.ingress;

import static academy.minicluster.net.dataplane.ingress.IngressFixtures.NGINX_CLASS;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.TRAEFIK_CLASS;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.exact;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.implementationSpecific;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.ingress;
import static academy.minicluster.net.dataplane.ingress.IngressFixtures.prefix;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IngressRouterTest {

    private static IngressRouter router(Ingress... ingresses) {
        return IngressRouter.of(List.of(ingresses), List.of(NGINX_CLASS, TRAEFIK_CLASS), List.of(),
                IngressRouter.INGRESS_NGINX);
    }

    private static IngressRouter router(List<Secret> secrets, Ingress... ingresses) {
        return IngressRouter.of(List.of(ingresses), List.of(NGINX_CLASS, TRAEFIK_CLASS), secrets,
                IngressRouter.INGRESS_NGINX);
    }

    private static IngressRoute.Routed routed(IngressRoute route) {
        assertThat(route).isInstanceOf(IngressRoute.Routed.class);
        return (IngressRoute.Routed) route;
    }

    private static final Ingress WEB = ingress("web")
            .rule("web.example.com", prefix("/", "web"), prefix("/api", "api"))
            .build();

    @Nested
    class ClassOwnership {

        @Test
        void ownsAnIngressWhoseClassIsIngressNginxs() {
            assertThat(router(WEB).owns(WEB)).isTrue();
        }

        @Test
        void ignoresAnIngressOfAnotherControllersClass() {
            Ingress traefik = ingress("traefik").className("traefik").rule("web.example.com", prefix("/", "web"))
                    .build();
            IngressRouter router = router(traefik);
            assertThat(router.owns(traefik)).isFalse();
            assertThat(router.route("web.example.com", "/", false)).isInstanceOf(IngressRoute.NotFound.class);
        }

        @Test
        void ignoresAnIngressNamingAClassThatDoesNotExist() {
            Ingress ghost = ingress("ghost").className("ghost").rule("web.example.com", prefix("/", "web")).build();
            assertThat(router(ghost).owns(ghost)).isFalse();
        }

        @Test
        void ownsAnIngressWithoutClassNameButWithTheLegacyAnnotation() {
            Ingress legacy = ingress("legacy").className(null).annotation("kubernetes.io/ingress.class", "nginx")
                    .rule("web.example.com", prefix("/", "web")).build();
            assertThat(router(legacy).owns(legacy)).isTrue();
            assertThat(routed(router(legacy).route("web.example.com", "/", false)).serviceName()).isEqualTo("web");
        }

        @Test
        void ignoresAnIngressWithNeitherClassNameNorAnnotation() {
            Ingress classless = ingress("classless").className(null).rule("web.example.com", prefix("/", "web"))
                    .build();
            assertThat(router(classless).owns(classless)).isFalse();
        }

        @Test
        void ingressClassNameWinsOverTheLegacyAnnotation() {
            Ingress both = ingress("both").className("traefik").annotation("kubernetes.io/ingress.class", "nginx")
                    .rule("web.example.com", prefix("/", "web")).build();
            assertThat(router(both).owns(both)).isFalse();
        }
    }

    @Nested
    class HostPrecedence {

        private final Ingress precise = ingress("precise").rule("foo.example.com", prefix("/", "precise")).build();
        private final Ingress wildcard = ingress("wildcard").rule("*.example.com", prefix("/", "wildcard")).build();
        private final Ingress hostless = ingress("hostless").rule(null, prefix("/", "hostless")).build();
        private final IngressRouter router = router(precise, wildcard, hostless);

        @Test
        void aPreciseHostBeatsAWildcard() {
            assertThat(routed(router.route("foo.example.com", "/", false)).serviceName()).isEqualTo("precise");
        }

        @Test
        void aWildcardBeatsRulesWithoutHost() {
            IngressRoute.Routed r = routed(router.route("bar.example.com", "/", false));
            assertThat(r.serviceName()).isEqualTo("wildcard");
            assertThat(r.matchedHost()).isEqualTo("*.example.com");
        }

        @Test
        void aWildcardDoesNotCoverTwoLabels() {
            assertThat(routed(router.route("a.b.example.com", "/", false)).serviceName()).isEqualTo("hostless");
        }

        @Test
        void rulesWithoutHostServeEveryOtherHost() {
            IngressRoute.Routed r = routed(router.route("10.0.0.1", "/", false));
            assertThat(r.serviceName()).isEqualTo("hostless");
            assertThat(r.matchedHost()).isEmpty();
        }

        @Test
        void hostIsMatchedCaseInsensitivelyWithoutPort() {
            assertThat(routed(router.route("FOO.Example.com:8080", "/", false)).serviceName()).isEqualTo("precise");
        }

        @Test
        void aKnownHostDoesNotFallThroughToRulesWithoutHost() {
            IngressRouter r = router(ingress("api").rule("api.example.com", exact("/v1", "api")).build(), hostless);
            IngressRoute route = r.route("api.example.com", "/other", false);
            assertThat(route).isInstanceOfSatisfying(IngressRoute.NotFound.class, nf -> assertThat(nf.hops())
                    .extracting(Hop::decision)
                    .containsExactly("ingress-nginx: host api.example.com is served by Ingress default/api, but no"
                            + " path of it matches /other; no default backend -> 404"));
        }
    }

    @Nested
    class PathPrecedence {

        @Test
        void theLongestMatchingPathWins() {
            Ingress ing = ingress("web").rule("web.example.com", prefix("/", "root"), prefix("/api", "api"),
                    prefix("/api/v2", "v2")).build();
            assertThat(routed(router(ing).route("web.example.com", "/api/v2/users", false)).serviceName())
                    .isEqualTo("v2");
        }

        @Test
        void exactBeatsPrefixOfTheSameLength() {
            Ingress ing = ingress("web").rule("web.example.com", prefix("/foo", "prefix"), exact("/foo", "exact"))
                    .build();
            assertThat(routed(router(ing).route("web.example.com", "/foo", false)).serviceName()).isEqualTo("exact");
            assertThat(routed(router(ing).route("web.example.com", "/foo/bar", false)).serviceName())
                    .isEqualTo("prefix");
        }

        @Test
        void pathsOfSeveralIngressesForOneHostAreMerged() {
            Ingress web = ingress("web").rule("web.example.com", prefix("/", "web")).build();
            Ingress api = ingress("api").rule("web.example.com", prefix("/api", "api")).build();
            IngressRouter router = router(web, api);
            assertThat(routed(router.route("web.example.com", "/api/x", false)).ingress()).isEqualTo(api);
            assertThat(routed(router.route("web.example.com", "/x", false)).ingress()).isEqualTo(web);
        }

        @Test
        void theOldestIngressWinsTheSamePath() {
            Ingress newer = ingress("a-newer").created("2026-02-01T00:00:00Z").rule("web.example.com",
                    prefix("/", "newer")).build();
            Ingress older = ingress("z-older").created("2026-01-01T00:00:00Z").rule("web.example.com",
                    prefix("/", "older")).build();
            assertThat(routed(router(newer, older).route("web.example.com", "/", false)).serviceName())
                    .isEqualTo("older");
        }

        @Test
        void atEqualAgeNamespaceAndNameDecideDescending() {
            // sortIngressSlice: at an equal creationTimestamp "default/b" > "default/a" comes first.
            Ingress b = ingress("b").rule("web.example.com", prefix("/", "b")).build();
            Ingress a = ingress("a").rule("web.example.com", prefix("/", "a")).build();
            assertThat(routed(router(b, a).route("web.example.com", "/", false)).serviceName()).isEqualTo("b");
            assertThat(routed(router(a, b).route("web.example.com", "/", false)).serviceName()).isEqualTo("b");
        }

        @Test
        void implementationSpecificMatchesElementWiseLikePrefix() {
            Ingress ing = ingress("web").rule("web.example.com", implementationSpecific("/foo", "foo")).build();
            assertThat(router(ing).route("web.example.com", "/foo/bar", false)).isInstanceOf(IngressRoute.Routed.class);
            assertThat(router(ing).route("web.example.com", "/foobar", false)).isInstanceOf(IngressRoute.NotFound.class);
        }

        @Test
        void theRouteHopNamesHostPathIngressAndService() {
            IngressRoute.Routed r = routed(router(WEB).route("web.example.com", "/api/users", false));
            assertThat(r.hops()).singleElement().satisfies(hop -> {
                assertThat(hop.stage()).isEqualTo(Hop.Stage.INGRESS);
                assertThat(hop.decision()).isEqualTo("ingress-nginx: host web.example.com path /api (Prefix) of"
                        + " Ingress default/web -> Service api port 80");
                assertThat(hop.decidedBy()).containsExactly(new ObjectRef("Ingress", "default", "web"),
                        new ObjectRef("Service", "default", "api"));
            });
            assertThat(r.servicePortNumber()).isEqualTo(80);
            assertThat(r.servicePortName()).isNull();
            assertThat(r.upstreamTarget()).isEqualTo("/api/users");
        }

        @Test
        void theOrderOfTheInputDoesNotChangeTheAnswer() {
            Ingress a = ingress("a").rule("web.example.com", prefix("/", "a"), exact("/x", "a-x")).build();
            Ingress b = ingress("b").rule("web.example.com", prefix("/", "b"), prefix("/x", "b-x")).build();
            for (String target : List.of("/", "/x", "/x/y", "/z")) {
                assertThat(router(b, a).route("web.example.com", target, false))
                        .isEqualTo(router(a, b).route("web.example.com", target, false));
            }
        }

        @Test
        void aPathWithAResourceBackendIsSkipped() {
            Ingress ing = ingress("web").rule("web.example.com", new io.fabric8.kubernetes.api.model.networking.v1
                    .HTTPIngressPathBuilder().withPath("/static").withPathType("Prefix")
                    .withNewBackend().withNewResource("k8s.example.com", "StorageBucket", "assets").endBackend()
                    .build(), prefix("/", "web")).build();
            assertThat(routed(router(ing).route("web.example.com", "/static/a.css", false)).serviceName())
                    .isEqualTo("web");
        }

        @Test
        void aWireRequestIsRoutedByItsHostHeaderAndTarget() {
            IngressRoute.Routed r = routed(router(WEB).route(
                    academy.minicluster.net.wire.HttpRequest.get("/api?q=1", "web.example.com:80"), false));
            assertThat(r.serviceName()).isEqualTo("api");
            assertThat(r.upstreamTarget()).isEqualTo("/api?q=1");
        }

        @Test
        void aPortGivenByNameIsReportedByName() {
            Ingress ing = ingress("web").rule("web.example.com", new io.fabric8.kubernetes.api.model.networking.v1
                    .HTTPIngressPathBuilder().withPath("/").withPathType("Prefix")
                    .withBackend(IngressFixtures.serviceBackend("web", "http")).build()).build();
            IngressRoute.Routed r = routed(router(ing).route("web.example.com", "/", false));
            assertThat(r.servicePortName()).isEqualTo("http");
            assertThat(r.servicePortNumber()).isEqualTo(-1);
        }
    }

    @Nested
    class RegexMode {

        @Test
        void useRegexMakesPathsCaseInsensitiveExpressionsAnchoredAtTheStart() {
            Ingress ing = ingress("web").annotation(IngressRouter.USE_REGEX, "true")
                    .rule("web.example.com", implementationSpecific("/users/[0-9]+", "users")).build();
            IngressRouter router = router(ing);
            assertThat(routed(router.route("web.example.com", "/USERS/42/profile", false)).serviceName())
                    .isEqualTo("users");
            assertThat(router.route("web.example.com", "/x/users/42", false)).isInstanceOf(IngressRoute.NotFound.class);
        }

        @Test
        void useRegexOnOneIngressTurnsEveryPathOfTheHostIntoAnExpression() {
            Ingress plain = ingress("plain").rule("web.example.com", exact("/exact", "plain")).build();
            Ingress regex = ingress("regex").annotation(IngressRouter.USE_REGEX, "true")
                    .rule("web.example.com", implementationSpecific("/r/.*", "regex")).build();
            IngressRoute.Routed r = routed(router(plain, regex).route("web.example.com", "/EXACT/more", false));
            assertThat(r.serviceName()).isEqualTo("plain");
            assertThat(r.hops().get(0).decision()).isEqualTo("ingress-nginx: host web.example.com uses regular"
                    + " expressions for every path (use-regex on Ingress default/regex)");
        }

        @Test
        void regexModeTakesTheLongestPathFirst() {
            Ingress ing = ingress("web").annotation(IngressRouter.USE_REGEX, "true")
                    .rule("web.example.com", implementationSpecific("/.*", "any"),
                            implementationSpecific("/api/.*", "api")).build();
            assertThat(routed(router(ing).route("web.example.com", "/api/x", false)).serviceName()).isEqualTo("api");
        }

        @Test
        void aPathThatIsNoValidExpressionNeverMatches() {
            Ingress ing = ingress("web").annotation(IngressRouter.USE_REGEX, "true")
                    .rule("web.example.com", implementationSpecific("/([a-z0-9]*)[", "broken")).build();
            assertThat(router(ing).route("web.example.com", "/abc[", false)).isInstanceOf(IngressRoute.NotFound.class);
        }
    }

    @Nested
    class RewriteTarget {

        private final Ingress rewrite = ingress("rewrite").annotation(IngressRouter.REWRITE_TARGET, "/$2")
                .rule("rewrite.bar.com", implementationSpecific("/something(/|$)(.*)", "http-svc")).build();

        @Test
        void captureGroupsFillTheTarget() {
            assertThat(routed(router(rewrite).route("rewrite.bar.com", "/something/new", false)).upstreamTarget())
                    .isEqualTo("/new");
        }

        @Test
        void anEmptyGroupLeavesTheTargetsLiteralPart() {
            assertThat(routed(router(rewrite).route("rewrite.bar.com", "/something", false)).upstreamTarget())
                    .isEqualTo("/");
            assertThat(routed(router(rewrite).route("rewrite.bar.com", "/something/", false)).upstreamTarget())
                    .isEqualTo("/");
        }

        @Test
        void theQueryStringIsKept() {
            assertThat(routed(router(rewrite).route("rewrite.bar.com", "/something/a/b?x=1", false)).upstreamTarget())
                    .isEqualTo("/a/b?x=1");
        }

        @Test
        void aTargetWithoutGroupsReplacesTheWholePath() {
            Ingress ing = ingress("app").annotation(IngressRouter.REWRITE_TARGET, "/")
                    .rule("web.example.com", prefix("/app", "app")).build();
            IngressRoute.Routed r = routed(router(ing).route("web.example.com", "/app/page", false));
            assertThat(r.upstreamTarget()).isEqualTo("/");
            assertThat(r.hops()).extracting(Hop::decision).last().asString()
                    .endsWith("(rewrite-target: /app/page -> /)");
        }

        @Test
        void rewriteTargetPutsTheHostInRegexMode() {
            assertThat(routed(router(rewrite).route("rewrite.bar.com", "/SOMETHING/x", false)).upstreamTarget())
                    .isEqualTo("/x");
        }
    }

    @Nested
    class DefaultBackend {

        @Test
        void theIngressDefaultBackendServesUnmatchedPathsOfItsHost() {
            Ingress ing = ingress("web").rule("web.example.com", exact("/", "web")).defaultBackend("fallback", 8080)
                    .build();
            IngressRoute.Routed r = routed(router(ing).route("web.example.com", "/missing", false));
            assertThat(r.defaultBackend()).isTrue();
            assertThat(r.serviceName()).isEqualTo("fallback");
            assertThat(r.servicePortNumber()).isEqualTo(8080);
            assertThat(r.matchedPath()).isEmpty();
            assertThat(r.hops()).extracting(Hop::decision).containsExactly("ingress-nginx: no path of host"
                    + " web.example.com matches /missing -> defaultBackend of Ingress default/web: Service fallback"
                    + " port 8080");
        }

        @Test
        void anIngressWithOnlyADefaultBackendServesEveryHost() {
            Ingress catchAll = ingress("catch-all").defaultBackend("fallback", 80).build();
            IngressRoute.Routed r = routed(router(catchAll, WEB).route("other.example.com", "/x", false));
            assertThat(r.serviceName()).isEqualTo("fallback");
            assertThat(r.ingress()).isEqualTo(catchAll);
            assertThat(routed(router(catchAll, WEB).route("web.example.com", "/x", false)).serviceName())
                    .isEqualTo("web");
        }

        @Test
        void theOldestRuleLessIngressDefaultBackendWins() {
            Ingress older = ingress("older").created("2026-01-01T00:00:00Z").defaultBackend("older", 80).build();
            Ingress newer = ingress("newer").created("2026-03-01T00:00:00Z").defaultBackend("newer", 80).build();
            assertThat(routed(router(newer, older).route("x.example.com", "/", false)).serviceName())
                    .isEqualTo("older");
        }

        @Test
        void aDefaultBackendOfAnIngressWithRulesDoesNotServeOtherHosts() {
            Ingress ing = ingress("web").rule("web.example.com", exact("/", "web")).defaultBackend("fallback", 80)
                    .build();
            assertThat(router(ing).route("other.example.com", "/", false)).isInstanceOf(IngressRoute.NotFound.class);
        }
    }

    @Nested
    class NotFound {

        @Test
        void theControllerAnswersWithNginxsOwn404Page() {
            assertThat(IngressRoute.NotFound.BODY).isEqualTo("<html>\r\n<head><title>404 Not Found</title></head>\r\n"
                    + "<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n"
                    + "</body>\r\n</html>\r\n");
            assertThat(IngressRoute.NotFound.STATUS).isEqualTo(404);
        }

        @Test
        void the404ResponseCarriesNginxsHeaders() {
            IngressRoute.NotFound nf = (IngressRoute.NotFound) router(WEB).route("foo.com", "/", false);
            assertThat(nf.response().status()).isEqualTo(404);
            assertThat(nf.response().reason()).isEqualTo("Not Found");
            assertThat(nf.response().headers()).containsEntry("Content-Type", "text/html")
                    .containsEntry("Content-Length", "146");
            assertThat(nf.response().body()).isEqualTo(IngressRoute.NotFound.BODY);
        }

        @Test
        void noRuleAndNoDefaultBackendIs404WithAHopSayingSo() {
            IngressRoute route = router(WEB).route("foo.com", "/x", false);
            assertThat(route).isInstanceOfSatisfying(IngressRoute.NotFound.class, nf -> {
                assertThat(nf.reason()).isEqualTo("no rule of any Ingress matches host foo.com path /x;"
                        + " no default backend -> 404");
                assertThat(nf.hops()).singleElement().satisfies(hop -> {
                    assertThat(hop.decision()).isEqualTo("ingress-nginx: no rule of any Ingress matches host foo.com"
                            + " path /x; no default backend -> 404");
                    assertThat(hop.verdict()).isEqualTo(Hop.Verdict.NOT_FOUND);
                });
            });
        }

        @Test
        void aClusterWithoutIngressesAnswers404() {
            assertThat(router().route("web.example.com", "/", false)).isInstanceOf(IngressRoute.NotFound.class);
        }
    }

    @Nested
    class HttpsRedirect {

        private final Secret webTls = IngressFixtures.tlsSecret("default", "web-tls", IngressFixtures.webCertificate(),
                IngressFixtures.webKey());
        private final Ingress tlsWeb = ingress("web").tls("web-tls", "web.example.com")
                .rule("web.example.com", prefix("/", "web")).build();

        @Test
        void plainHttpToAHostWithTlsIsRedirectedWith308() {
            IngressRoute route = router(List.of(webTls), tlsWeb).route("web.example.com", "/api?x=1", false);
            assertThat(route).isInstanceOfSatisfying(IngressRoute.Redirect.class, r -> {
                assertThat(r.status()).isEqualTo(308);
                assertThat(r.location()).isEqualTo("https://web.example.com/api?x=1");
                assertThat(r.hops()).extracting(Hop::decision).containsExactly("ingress-nginx: host web.example.com"
                        + " has TLS (Ingress default/web), ssl-redirect is on -> 308 https://web.example.com/api?x=1");
            });
        }

        @Test
        void theRedirectResponseCarriesLocation() {
            IngressRoute.Redirect r = (IngressRoute.Redirect) router(List.of(webTls), tlsWeb)
                    .route("web.example.com", "/a", false);
            assertThat(r.response().status()).isEqualTo(308);
            assertThat(r.response().reason()).isEqualTo("Permanent Redirect");
            assertThat(r.response().headers()).containsEntry("Location", "https://web.example.com/a");
            assertThat(r.response().body()).startsWith("<html>\r\n<head><title>308 Permanent Redirect</title>");
        }

        @Test
        void theRedirectDropsATrailingSlashAndThePort() {
            IngressRoute route = router(List.of(webTls), tlsWeb).route("web.example.com:80", "/docs/", false);
            assertThat(route).isInstanceOfSatisfying(IngressRoute.Redirect.class,
                    r -> assertThat(r.location()).isEqualTo("https://web.example.com/docs"));
        }

        @Test
        void httpsIsServed() {
            assertThat(routed(router(List.of(webTls), tlsWeb).route("web.example.com", "/", true)).serviceName())
                    .isEqualTo("web");
        }

        @Test
        void sslRedirectFalseServesPlainHttp() {
            Ingress noRedirect = ingress("web").annotation(IngressRouter.SSL_REDIRECT, "false")
                    .tls("web-tls", "web.example.com").rule("web.example.com", prefix("/", "web")).build();
            assertThat(router(List.of(webTls), noRedirect).route("web.example.com", "/", false))
                    .isInstanceOf(IngressRoute.Routed.class);
        }

        @Test
        void aHostWithoutTlsIsNotRedirected() {
            assertThat(router(WEB).route("web.example.com", "/", false)).isInstanceOf(IngressRoute.Routed.class);
        }

        @Test
        void forceSslRedirectRedirectsWithoutTls() {
            Ingress forced = ingress("web").annotation(IngressRouter.FORCE_SSL_REDIRECT, "true")
                    .rule("web.example.com", prefix("/", "web")).build();
            assertThat(router(forced).route("web.example.com", "/a", false))
                    .isInstanceOfSatisfying(IngressRoute.Redirect.class,
                            r -> assertThat(r.location()).isEqualTo("https://web.example.com/a"));
        }

        @Test
        void aTlsSectionWhoseSecretIsMissingStillRedirects() {
            assertThat(router(tlsWeb).route("web.example.com", "/", false)).isInstanceOf(IngressRoute.Redirect.class);
        }
    }
}
