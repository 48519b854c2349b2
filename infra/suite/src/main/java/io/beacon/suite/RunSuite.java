package io.beacon.suite;

import io.beacon.testkit.LocalInfrastructure;
import io.beacon.testkit.RepositoryLayout;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./beacon up}: starts everything on the default ports, replays the bundled sample and prints where to look.
 * Options: {@code --customers N} (default 300), {@code --fresh} (forget earlier runs).
 */
public final class RunSuite {

    public static void main(String[] args) {
        int customers = 300;
        boolean fresh = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--customers" -> customers = Integer.parseInt(args[++i]);
                case "--fresh" -> fresh = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --customers N, --fresh");
            }
        }
        long started = System.nanoTime();
        Path dataDir = RepositoryLayout.root().resolve(".beacon");
        if (fresh) {
            deleteRecursively(dataDir);
        }
        System.out.println("Starting Beacon: embedded infrastructure, then " + BeaconSuite.SERVICES.size() + " services (logs in " + dataDir.resolve("logs") + ")");
        var suite = BeaconSuite.start(LocalInfrastructure.defaultPorts(), BeaconSuite.SERVICES, dataDir, List.of());
        Runtime.getRuntime().addShutdownHook(new Thread(suite::close));
        System.out.printf("Beacon accepts events after %.0f s; replaying %d sample customers...%n", (System.nanoTime() - started) / 1e9, customers);
        var customersAnswer = new SampleCustomers(suite.infrastructure().kafkaBootstrap());
        Runtime.getRuntime().addShutdownHook(new Thread(customersAnswer::close));
        var events = SampleEvents.population(customers, 42);
        try (var producer = new BankEventProducer(suite.infrastructure().kafkaBootstrap())) {
            producer.sendAll(events);
        }
        System.out.printf("Published %d bank events to bank.events. Total RSS now %d MB.%n", events.size(), suite.totalRssKilobytes() / 1024);
        System.out.printf("The sample customers answer offers: %d %% buy anyway, a sent offer adds %d points, an experiment's goal "
                + "variant %d more (purchases %d s after the offer).%n", SampleCustomers.BASE, SampleCustomers.LIFT, SampleCustomers.GOAL_LIFT,
                SampleCustomers.DELAY.toSeconds());
        System.out.println("""

                Look at:
                  Console (rm-1/beacon-rm-1, ops/beacon-ops,
                  ops-lead/beacon-ops-lead approves changes,
                  checker/beacon-checker,
                  compliance/beacon-compliance)            http://127.0.0.1:8088/
                  Propose a change                         ./beacon propose <folder>
                  SMS the Twilio simulator received        http://127.0.0.1:8091/__admin/requests
                  Push the FCM simulator received          http://127.0.0.1:8092/__admin/requests
                  Email the SMTP server received           http://127.0.0.1:8093/mail/messages
                  A customer's decisions and evidence      http://127.0.0.1:8083/api/decisions?customerId=C000001
                  Post events over HTTP                    POST http://127.0.0.1:8080/api/events
                  Kafka 127.0.0.1:9092, Zeebe gRPC 127.0.0.1:26500, MongoDB mongodb://127.0.0.1:27017

                The services' APIs want a caller (HTTP Basic): this run's account is %s / %s (development only),
                e.g. curl -u %s:%s 'http://127.0.0.1:8083/api/decisions?customerId=C000001'

                Ctrl-C stops everything.""".formatted(BeaconSuite.CALLER, BeaconSuite.CALLER_PASSWORD, BeaconSuite.CALLER,
                BeaconSuite.CALLER_PASSWORD));
        while (true) {
            BeaconSuite.sleep(60_000);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (var walk = java.nio.file.Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
