package academy.minicluster.web.guard;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The request's style nonce for the templates ({@code inject:csp.nonce}): the layout hands it to CodeMirror, the one
 * script that writes a {@code <style>} element, so that the Content-Security-Policy lets that element through and no
 * other ({@link SecurityHeaders}).
 */
@Named("csp")
@RequestScoped
public class CspNonce {

    @Inject
    CurrentVertxRequest request;

    public String getNonce() {
        RoutingContext rc = request.getCurrent();
        String nonce = rc == null ? null : rc.get(SecurityHeaders.NONCE);
        return nonce == null ? "" : nonce;
    }
}
