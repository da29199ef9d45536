/**
 * Envoy Gateway's controllers: the infrastructure provider that gives each Gateway its Envoy Deployment and Service
 * ({@link academy.minicluster.net.controller.gateway.EnvoyGatewayInfrastructure}) and the status writer for
 * GatewayClasses, Gateways and routes ({@link academy.minicluster.net.controller.gateway.GatewayStatusController}),
 * reading the compiled routes ({@link academy.minicluster.net.dataplane.gateway.GatewayRouter}), which in turn
 * know no controller.
 */
package academy.minicluster.net.controller.gateway;
