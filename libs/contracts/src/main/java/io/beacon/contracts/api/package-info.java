/**
 * The HTTP APIs Beacon's services offer each other and the console, as contracts: one sub-package per API, each an
 * {@code @HttpExchange} interface with the records it takes and answers.
 *
 * <ul>
 *   <li>The service's controller {@code implements} the interface: its mapping (paths, parameters, bodies) comes from
 *   here, so the two cannot drift apart.</li>
 *   <li>Every caller gets the same interface from {@code io.beacon.platform.ServiceClients#api}: no hand-built URL,
 *   no map read by field name; a renamed field breaks the build, not a journey at run time.</li>
 *   <li>A refusal is an {@link io.beacon.contracts.api.ApiProblem}: thrown by the controller, answered as
 *   {@code application/problem+json}, received again by the caller as the same type.</li>
 *   <li>Times are {@link java.time.Instant} (ISO 8601 on the wire), reasons are {@link io.beacon.contracts.ReasonCode},
 *   and an answer is a record, never a {@code Map<String, Object>}.</li>
 * </ul>
 *
 * What is not service-to-service stays outside: the bank's {@code POST /api/events} (a CloudEvents contract, see
 * {@code asyncapi.yaml}), the customer's own pages (unsubscribe, profiling, tracking) and the providers' webhooks.
 */
package io.beacon.contracts.api;
