package io.beacon.infra.local;

import java.util.List;
import java.util.Map;

/** One piece of the local infrastructure, started and stopped by {@link LocalInfrastructure}. */
interface InfraComponent {

    /** Short name used in logs and error messages, e.g. {@code kafka}. */
    String name();

    /** The ports this component binds, keyed by their {@code beacon.infra.<key>.port} name. */
    List<String> portKeys();

    /** Blocks until the component serves requests. */
    void start() throws Exception;

    /** Must be safe to call when {@link #start()} failed half-way, and more than once. */
    void stop();

    /** What clients connect to, for the {@code READY} log line. */
    String address();

    /** Lines for {@code infra.ready}. */
    Map<String, String> readyEntries();
}
