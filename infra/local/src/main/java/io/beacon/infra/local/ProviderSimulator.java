package io.beacon.infra.local;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;

/**
 * An outside provider's HTTP API played by WireMock, from the stubs under
 * {@code src/main/resources/simulators/<name>/mappings}.
 *
 * <p>What it received stays readable at {@code GET /__admin/requests} (the last 1,000 requests).
 */
final class ProviderSimulator implements InfraComponent {

    // Enough history for a test run or a demo; unbounded, the journal would grow with every send.
    private static final int JOURNAL_ENTRIES = 1_000;

    private final String name;
    private final String portKey;
    private final int port;
    private final String readyKey;
    private final Extension[] extensions;
    private WireMockServer server;

    ProviderSimulator(String name, InfraSettings settings, String readyKey, Extension... extensions) {
        this.name = name;
        this.portKey = name;
        this.port = settings.port(name);
        this.readyKey = readyKey;
        this.extensions = extensions;
    }

    static ProviderSimulator twilio(InfraSettings settings) {
        return new ProviderSimulator(InfraSettings.TWILIO, settings, "twilio.url", new TwilioStatusCallbacks());
    }

    static ProviderSimulator fcm(InfraSettings settings) {
        return new ProviderSimulator(InfraSettings.FCM, settings, "fcm.url");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> portKeys() {
        return List.of(portKey);
    }

    @Override
    public void start() {
        WireMockConfiguration options = options()
                .bindAddress("127.0.0.1")
                .port(port)
                // Read from the classpath so the stubs ship inside the jar and nobody edits them by accident.
                .usingFilesUnderClasspath("simulators/" + name)
                .globalTemplating(true)
                .maxRequestJournalEntries(JOURNAL_ENTRIES)
                .containerThreads(12)
                .jettyAcceptors(1)
                .notifier(new Slf4jNotifier(false))
                .extensions(extensions);
        WireMockServer created = new WireMockServer(options);
        created.start();
        server = created;
    }

    @Override
    public void stop() {
        WireMockServer running = server;
        server = null;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public String address() {
        return url() + " (received: " + url() + "/__admin/requests)";
    }

    @Override
    public Map<String, String> readyEntries() {
        return Map.of(readyKey, url());
    }

    private String url() {
        return "http://127.0.0.1:" + port;
    }
}
