package academy.minicluster.net.dataplane.gateway;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.util.List;
import java.util.Objects;

/**
 * Which rule of which HTTPRoute Envoy chose for a request ({@link Matched}), or that none matched
 * ({@link NotFound}: Envoy answers 404). The filters and the backend choice are applied by the proxy afterwards.
 */
public sealed interface GatewayRoute permits GatewayRoute.Matched, GatewayRoute.NotFound {

    /** The decisions taken so far, in order. */
    List<Hop> hops();

    /**
     * A rule matched.
     *
     * @param route     the HTTPRoute
     * @param ruleIndex the rule's index in {@code spec.rules} (traces count from 1)
     * @param rule      the rule, with its filters and backendRefs
     * @param match     the match that held
     * @param backends  the rule's backendRefs, each resolved to a Service or with the reason it is not
     * @param why       the trace line: route, rule, match and why it won over others
     * @param decidedBy the Gateway and the route
     */
    record Matched(HTTPRoute route, int ruleIndex, HTTPRouteRule rule, HTTPRouteMatch match,
                   List<GatewayRouter.BackendChoice> backends, String why, List<ObjectRef> decidedBy, List<Hop> hops)
            implements GatewayRoute {

        public Matched {
            Objects.requireNonNull(route, "route");
            backends = List.copyOf(backends);
            decidedBy = List.copyOf(decidedBy);
            hops = List.copyOf(hops);
        }
    }

    /** No virtual host or no rule matched: Envoy's 404 with an empty body. */
    record NotFound(List<Hop> hops) implements GatewayRoute {

        public NotFound {
            hops = List.copyOf(hops);
        }
    }
}
