package io.beacon.infra.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;

/**
 * The real Zeebe engine, in memory, behind its gRPC gateway, with an HTTP window onto its clock for tests:
 * {@code GET /clock} tells the engine's time, {@code POST /clock/add?duration=PT8H} moves it forward and answers once the
 * engine has handled what came due (timers fire, message TTLs lapse), so a process test waits for nothing in real
 * time. {@code POST /engine/restart} replaces the engine with a new, empty one on the same port, as a restart of the
 * embedded engine (or the loss of a real cluster's state) does: deployments, running instances and buffered messages
 * are gone; {@code ?down=PT10S} keeps the port closed that long first. The clock keeps what was added to it.
 *
 * <p>The engine is deprecated upstream (removed in Camunda 8.10); only this class knows about it, so swapping to a
 * standalone broker (whose REST API has {@code PUT /v2/clock} for the same purpose) touches one file.
 */
final class ZeebeEngine implements InfraComponent {

    private final int port;
    private final int clockPort;
    private ZeebeTestEngine engine;
    private HttpServer clockServer;
    /** What {@link ZeebeTestEngine#increaseTime} added so far: the engine's clock is the system's plus this. */
    private Duration added = Duration.ZERO;

    ZeebeEngine(InfraSettings settings) {
        this.port = settings.port(InfraSettings.ZEEBE);
        this.clockPort = settings.port(InfraSettings.ZEEBE_CLOCK);
    }

    @Override
    public String name() {
        return "zeebe";
    }

    @Override
    public List<String> portKeys() {
        return List.of(InfraSettings.ZEEBE, InfraSettings.ZEEBE_CLOCK);
    }

    @Override
    public void start() throws IOException {
        ZeebeTestEngine created = EngineFactory.create(port);
        engine = created;
        created.start();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", clockPort), 0);
        server.createContext("/clock", this::handleClock);
        server.createContext("/engine", this::handleEngine);
        server.start();
        clockServer = server;
    }

    @Override
    public void stop() {
        HttpServer server = clockServer;
        clockServer = null;
        if (server != null) {
            server.stop(0);
        }
        ZeebeTestEngine running = engine;
        engine = null;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public String address() {
        return grpcUrl();
    }

    @Override
    public Map<String, String> readyEntries() {
        return Map.of("zeebe.grpc", grpcUrl(), "zeebe.clock", "http://127.0.0.1:" + clockPort + "/clock");
    }

    private String grpcUrl() {
        // The gateway listens on every interface; clients on this machine should still use loopback.
        return "http://127.0.0.1:" + port;
    }

    private void handleClock(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/clock") && method.equals("GET")) {
                respond(exchange, 200, now());
            } else if (path.equals("/clock/add") && method.equals("POST")) {
                String raw = queryParameter(exchange, "duration");
                Duration duration;
                try {
                    duration = Duration.parse(raw == null ? "" : raw);
                } catch (DateTimeParseException e) {
                    respond(exchange, 400, "{\"error\":\"duration must be an ISO-8601 duration such as PT8H, was '"
                            + (raw == null ? "" : raw.replace("\"", "")) + "'\"}");
                    return;
                }
                if (duration.isNegative()) {
                    respond(exchange, 400, "{\"error\":\"the engine's clock only moves forward\"}");
                    return;
                }
                respond(exchange, 200, advance(duration));
            } else {
                respond(exchange, 404, "{\"error\":\"GET /clock or POST /clock/add?duration=PT1H\"}");
            }
        }
    }

    private void handleEngine(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/engine/restart") || !exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 404, "{\"error\":\"POST /engine/restart[?down=PT10S]\"}");
                return;
            }
            String raw = queryParameter(exchange, "down");
            Duration down;
            try {
                down = raw == null ? Duration.ZERO : Duration.parse(raw);
            } catch (DateTimeParseException e) {
                respond(exchange, 400, "{\"error\":\"down must be an ISO-8601 duration such as PT10S\"}");
                return;
            }
            restart(down);
            respond(exchange, 200, now());
        }
    }

    /** A new, empty engine on the same port, its clock moved by what the old one's was. */
    private synchronized void restart(Duration down) {
        ZeebeTestEngine old = engine;
        if (old != null) {
            old.stop();
        }
        try {
            Thread.sleep(down.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ZeebeTestEngine created = EngineFactory.create(port);
        created.start();
        if (added.isPositive()) {
            created.increaseTime(added);
        }
        engine = created;
        org.slf4j.LoggerFactory.getLogger(ZeebeEngine.class).warn("zeebe restarted EMPTY on {}: deployments and instances of the "
                + "engine before are gone", grpcUrl());
    }

    private synchronized String advance(Duration duration) {
        ZeebeTestEngine running = engine;
        if (running == null) {
            throw new IllegalStateException("the engine is not running");
        }
        long before = processedRecords(running);
        running.increaseTime(duration);
        added = added.plus(duration);
        settle(running, before);
        return now();
    }

    /**
     * Waits (at most 5 s) until the engine has handled what the clock move made due: new records other than job polling
     * appear (the engine's due-date checkers run on their own schedule, so that can take a moment) and then none arrive
     * for 300 ms. A move that made nothing due returns after 2 s.
     *
     * <p>{@link ZeebeTestEngine#waitForIdleState} cannot serve: workers polling for jobs keep the engine busy.
     */
    private static void settle(ZeebeTestEngine running, long before) {
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(5).toNanos();
        long last = before;
        long quietSince = started;
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long count = processedRecords(running);
            if (count != last) {
                last = count;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofMillis(300).toNanos()
                    && (last != before || System.nanoTime() - started > Duration.ofSeconds(2).toNanos())) {
                return;
            }
        }
    }

    private static long processedRecords(ZeebeTestEngine running) {
        long count = 0;
        for (Record<?> record : running.getRecordStreamSource().getRecords()) {
            if (record.getValueType() != ValueType.JOB_BATCH) {
                count++;
            }
        }
        return count;
    }

    private synchronized String now() {
        return "{\"now\":\"" + Instant.now().plus(added) + "\",\"added\":\"" + added + "\"}";
    }

    private static String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
