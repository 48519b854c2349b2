package io.beacon.infra.local;

import java.util.List;
import java.util.Map;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;

/**
 * The real Zeebe engine, in memory, behind its gRPC gateway.
 *
 * <p>Deprecated upstream (removed in Camunda 8.10); only this class knows about it, so swapping to a
 * standalone broker later touches one file.
 */
final class ZeebeEngine implements InfraComponent {

    private final int port;
    private ZeebeTestEngine engine;

    ZeebeEngine(InfraSettings settings) {
        this.port = settings.port(InfraSettings.ZEEBE);
    }

    @Override
    public String name() {
        return "zeebe";
    }

    @Override
    public List<String> portKeys() {
        return List.of(InfraSettings.ZEEBE);
    }

    @Override
    public void start() {
        ZeebeTestEngine created = EngineFactory.create(port);
        engine = created;
        created.start();
    }

    @Override
    public void stop() {
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
        return Map.of("zeebe.grpc", grpcUrl());
    }

    private String grpcUrl() {
        // The gateway listens on every interface; clients on this machine should still use loopback.
        return "http://127.0.0.1:" + port;
    }
}
