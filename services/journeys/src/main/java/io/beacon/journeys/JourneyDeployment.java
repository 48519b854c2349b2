package io.beacon.journeys;

import io.beacon.platform.FolderWatch;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.response.DeploymentEvent;
import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys every journey in workflows/ as one deployment, at start and whenever the folder changes: each file is first
 * checked ({@link JourneyRules}); one refused file refuses them all, nothing is deployed and the versions already in
 * Zeebe keep running. Zeebe accepts all or none too, deploys a changed file as a new version while running instances
 * finish on theirs, and keeps an unchanged file's version.
 */
class JourneyDeployment implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JourneyDeployment.class);

    /** A journey as Zeebe has it deployed. */
    /**
     * @param stage    the lifecycle stage the file declares: attract, retain or leverage
     * @param triggers the messages that start it (decisioning's trigger names)
     * @param holdoutShare the share of its customers held out, when the file sets one (ADR 0025), else null
     */
    record Deployed(String processId, int version, String file, String stage, List<String> triggers, Double holdoutShare) {
    }

    /** A set of files that was refused, with every reason; what was deployed before keeps running. */
    record Refusal(Instant at, List<String> problems) {
    }

    /** What {@code GET /api/journeys} shows. */
    record State(String directory, List<Deployed> deployed, Instant deployedAt, Refusal lastRefused, boolean watching) {
    }

    private final CamundaClient client;
    private final Path directory;
    private final JourneyRules rules;
    private final Duration patience;
    private final FolderWatch watch;
    private final Consumer<List<Deployed>> announce;
    private Map<String, Deployed> deployed = Map.of();
    /** The files of the last deployment Zeebe took: what an engine that lost its state gets again. */
    private Map<String, byte[]> lastDeployed = Map.of();
    private Instant deployedAt;
    private Refusal lastRefused;

    JourneyDeployment(CamundaClient client, Path directory, JourneyRules rules, Duration patience) {
        this(client, directory, rules, patience, deployed -> { });
    }

    /** @param announce told of every deployment the engine took: the journeys as deployed now */
    JourneyDeployment(CamundaClient client, Path directory, JourneyRules rules, Duration patience, Consumer<List<Deployed>> announce) {
        this.announce = announce;
        this.client = client;
        this.directory = directory;
        this.rules = rules;
        this.patience = patience;
        this.watch = new FolderWatch("journeys", directory, (dir, file) -> directory.equals(file.getParent()) && isJourney(file),
                fingerprint -> deploy());
    }

    /**
     * Checks and deploys the folder as it is now.
     *
     * @return true when Zeebe took the files; false when they were refused (see {@link #state()})
     */
    synchronized boolean deploy() {
        Map<String, byte[]> files = read();
        var problems = check(files, rules).problems();
        if (!problems.isEmpty()) {
            return refuse(problems);
        }
        return deploy(files);
    }

    /** A journey as a file declares it, before any engine has it. */
    record Declared(String journey, String file, String stage, List<String> triggers, Double holdoutShare) {
    }

    /** What a set of journey files would deploy, and every reason it would be refused (empty when none). */
    record Checked(List<Declared> journeys, List<String> problems) {
    }

    /**
     * The checks a deployment makes of a set of files (all of workflows/), without deploying them: what a proposed
     * change is checked with (ADR 0029) and what {@link #deploy()} refuses on.
     */
    static Checked check(Map<String, byte[]> files, JourneyRules rules) {
        var problems = new ArrayList<String>();
        var journeys = new ArrayList<Declared>();
        if (files.isEmpty()) {
            problems.add("no .bpmn journey in the set");
        }
        files.forEach((name, content) -> {
            var found = rules.check(name, content);
            found.forEach(p -> problems.add(p.toString()));
            if (found.isEmpty()) {
                journeys.add(new Declared(name.substring(0, name.length() - ".bpmn".length()), name, JourneyRules.stageOf(content),
                        JourneyRules.triggersOf(content), JourneyRules.holdoutShareOf(content)));
            }
        });
        var startedBy = new LinkedHashMap<String, String>();
        for (var journey : journeys) {
            for (String trigger : journey.triggers()) {
                String other = startedBy.putIfAbsent(trigger, journey.journey());
                if (other != null) {
                    problems.add(journey.file() + ": trigger " + trigger + " already starts " + other + "; one journey per trigger");
                }
            }
        }
        return new Checked(List.copyOf(journeys), List.copyOf(problems));
    }

    /**
     * Deploys again what this service deployed last, to an engine that lost it (ADR 0020), or the folder when nothing
     * was deployed yet: the journeys the running ones were started on, not a change that was refused meanwhile.
     *
     * @return the process ids deployed
     * @throws IllegalStateException when there is nothing deployable
     */
    synchronized List<String> redeploy() {
        boolean deployedNow = lastDeployed.isEmpty() ? deploy() : deploy(lastDeployed);
        if (!deployedNow) {
            throw new IllegalStateException("no journey could be deployed to the engine: " + lastRefused);
        }
        return List.copyOf(deployed.keySet());
    }

    private boolean deploy(Map<String, byte[]> files) {
        DeployResourceCommandStep1.DeployResourceCommandStep2 command = null;
        for (var file : files.entrySet()) {
            command = command == null ? client.newDeployResourceCommand().addResourceBytes(file.getValue(), file.getKey())
                    : command.addResourceBytes(file.getValue(), file.getKey());
        }
        DeploymentEvent deployment;
        try {
            deployment = sendUntilReachable(command);
        } catch (ClientStatusException e) {
            if (e.getStatusCode() != Status.Code.INVALID_ARGUMENT) {
                throw e;
            }
            // Zeebe's own validation (an expression it cannot parse, say): its message names the file and the element.
            return refuse(List.of(e.getMessage()));
        }
        var now = new LinkedHashMap<String, Deployed>();
        deployment.getProcesses().forEach(p -> {
            byte[] file = files.get(p.getResourceName());
            now.put(p.getBpmnProcessId(), new Deployed(p.getBpmnProcessId(), p.getVersion(), p.getResourceName(),
                    file == null ? null : JourneyRules.stageOf(file), file == null ? List.of() : JourneyRules.triggersOf(file),
                    file == null ? null : JourneyRules.holdoutShareOf(file)));
        });
        now.values().stream().filter(d -> !d.equals(deployed.get(d.processId())))
                .forEach(d -> log.info("journey {} version {} deployed from {}", d.processId(), d.version(), d.file()));
        deployed = now;
        deployedAt = Instant.now();
        lastDeployed = files;
        announce.accept(List.copyOf(now.values()));
        return true;
    }

    /** Watches the folder: a settled change is checked and deployed again. */
    void watch(Duration interval) {
        watch.start(interval);
        log.info("watching {} for journey changes every {}", directory.toAbsolutePath().normalize(), interval);
    }

    /** Looks at the folder now instead of waiting for the next poll. */
    void poll() {
        watch.poll();
    }

    /** The deployed journey a trigger starts, if any. */
    synchronized Optional<Deployed> startedBy(String trigger) {
        return deployed.values().stream().filter(d -> d.triggers().contains(trigger)).findFirst();
    }

    synchronized State state() {
        return new State(directory.toAbsolutePath().normalize().toString(), List.copyOf(deployed.values()), deployedAt, lastRefused,
                watch.isRunning());
    }

    @Override
    public void close() {
        watch.close();
    }

    private boolean refuse(List<String> problems) {
        lastRefused = new Refusal(Instant.now(), List.copyOf(problems));
        log.error("journeys in {} refused, nothing deployed ({}); {} problem(s):", directory,
                deployed.isEmpty() ? "no journey deployed by this service yet" : "the versions deployed before keep running", problems.size());
        problems.forEach(p -> log.error("  {}", p));
        return false;
    }

    private Map<String, byte[]> read() {
        var files = new LinkedHashMap<String, byte[]>();
        try (Stream<Path> list = Files.list(directory)) {
            for (Path file : list.filter(Files::isRegularFile).filter(JourneyDeployment::isJourney).sorted().toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journeys folder " + directory.toAbsolutePath(), e);
        }
        return files;
    }

    private static boolean isJourney(Path file) {
        return file.getFileName().toString().endsWith(".bpmn");
    }

    /**
     * The engine may still be starting (or the machine busy) when the service starts: an unreachable or slow engine
     * is retried until the deadline; a refusal fails at once with Zeebe's reason.
     */
    private DeploymentEvent sendUntilReachable(DeployResourceCommandStep1.DeployResourceCommandStep2 command) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return command.requestTimeout(Duration.ofSeconds(30)).send().join();
            } catch (ClientStatusException e) {
                boolean transientFailure = e.getStatusCode() == Status.Code.UNAVAILABLE || e.getStatusCode() == Status.Code.DEADLINE_EXCEEDED
                        || e.getStatusCode() == Status.Code.RESOURCE_EXHAUSTED;
                if (!transientFailure || System.nanoTime() > deadline) {
                    throw e;
                }
                log.warn("Zeebe not reachable yet ({}); deploying the journeys again in 2 s", e.getStatusCode());
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
