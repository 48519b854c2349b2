package io.beacon.journeys;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.IntermediateThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.LinkEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperties;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperty;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a journey must be before Beacon deploys it, checked on the file itself so that nothing depends on whether its
 * author ran the lint: it parses; its process id is its file name; every job type is one Beacon's workers serve; and
 * Beacon's four compliance rules hold (the same rules as {@code workflows/lint/bpmnlint-plugin-beacon}, held equal by
 * a test over that plugin's good and bad fixtures): an interrupting opt-out event subprocess on {@code ConsentWithdrawn}
 * correlated by {@code =customerId}; a stage; a template on every send; a contact-policy check on every path to a send;
 * and maker-checker (ADR 0028): an RM review has the checker's step, and the review SLA is one timer date for both.
 *
 * <p>bpmnlint's {@code recommended} and {@code camunda-compat} rules stay in the build only: they are about modelling
 * style, and what of Camunda 8.8 compatibility matters at run time Zeebe refuses itself at deploy.
 */
final class JourneyRules {

    /** The job types Beacon's workers serve (the Camunda Modeler element templates offer these). */
    static final List<String> BEACON_JOB_TYPES = List.of("check-suitability", "check-contact-policy", "send-sms",
            "send-push", "send-email", "request-rm-review", "request-offer-check", "record-outcome", "report-not-delivered");
    static final Set<String> STAGES = Set.of("attract", "retain", "leverage");
    static final String STAGE = "beacon.stage";
    static final String HOLDOUT_SHARE = "beacon.holdout-share";
    static final Set<String> SEND_TYPES = Set.of("send-sms", "send-push", "send-email");
    static final String CONTACT_POLICY_TYPE = "check-contact-policy";
    static final String OPT_OUT_MESSAGE = "ConsentWithdrawn";

    /** One reason a file is refused: the file, the element (or the process) and what is wrong. */
    record Problem(String file, String element, String message) {
        @Override
        public String toString() {
            return file + (element == null ? "" : " <" + element + ">") + ": " + message;
        }
    }

    private final Set<String> jobTypes;

    JourneyRules(Collection<String> jobTypes) {
        this.jobTypes = Set.copyOf(jobTypes);
    }

    List<Problem> check(String fileName, byte[] content) {
        var problems = new ArrayList<Problem>();
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
        } catch (RuntimeException e) {
            problems.add(new Problem(fileName, null, "does not parse as BPMN: " + rootMessage(e)));
            return problems;
        }
        Collection<Process> processes = model.getModelElementsByType(Process.class);
        if (processes.size() != 1) {
            problems.add(new Problem(fileName, null, "holds " + processes.size() + " processes; a journey file holds exactly one"));
            return problems;
        }
        Process process = processes.iterator().next();
        String expectedId = fileName.endsWith(".bpmn") ? fileName.substring(0, fileName.length() - 5) : fileName;
        if (!process.getId().equals(expectedId)) {
            problems.add(new Problem(fileName, process.getId(), "process id must equal the file name <" + expectedId + ">"));
        }
        var elements = new ArrayList<FlowElement>();
        collect(process.getFlowElements(), elements);
        jobTypes(fileName, elements, problems);
        stage(fileName, process, problems);
        holdoutShare(fileName, process, problems);
        optOut(fileName, process, problems);
        sendTemplates(fileName, elements, problems);
        contactPolicyBeforeSend(fileName, elements, problems);
        makerChecker(fileName, elements, problems);
        return problems;
    }

    private void jobTypes(String file, List<FlowElement> elements, List<Problem> problems) {
        for (FlowElement element : elements) {
            ZeebeTaskDefinition definition = element.getSingleExtensionElement(ZeebeTaskDefinition.class);
            if (definition == null) {
                continue;
            }
            String type = definition.getType();
            if (type == null || !jobTypes.contains(type)) {
                problems.add(new Problem(file, element.getId(), "job type <" + type + "> is not served by Beacon; known: "
                        + jobTypes.stream().sorted().toList()));
            }
        }
    }

    /** The lifecycle stage a journey file declares (process property beacon.stage), for the console; null if none. */
    static String stageOf(byte[] content) {
        return property(content, STAGE);
    }

    /**
     * The holdout share a journey file declares (process property beacon.holdout-share, ADR 0025); null when it
     * declares none (the service's default applies). The file was checked before it was deployed.
     */
    static Double holdoutShareOf(byte[] content) {
        String share = property(content, HOLDOUT_SHARE);
        return share == null ? null : Double.valueOf(share.strip());
    }

    private static String property(byte[] content, String name) {
        try {
            var processes = Bpmn.readModelFromStream(new ByteArrayInputStream(content)).getModelElementsByType(Process.class);
            List<String> values = processes.size() == 1 ? properties(processes.iterator().next(), name) : List.of();
            return values.size() == 1 ? values.get(0) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The triggers that start a journey: the message names of its process's own message start events (not those of
     * event subprocesses, such as the opt-out). Empty when the file does not parse.
     */
    static List<String> triggersOf(byte[] content) {
        try {
            return Bpmn.readModelFromStream(new ByteArrayInputStream(content)).getModelElementsByType(StartEvent.class).stream()
                    .filter(start -> start.getParentElement() instanceof Process)
                    .flatMap(start -> start.getEventDefinitions().stream())
                    .filter(MessageEventDefinition.class::isInstance).map(MessageEventDefinition.class::cast)
                    .filter(d -> d.getMessage() != null && d.getMessage().getName() != null)
                    .map(d -> d.getMessage().getName()).distinct().toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static List<String> properties(Process process, String name) {
        ZeebeProperties properties = process.getSingleExtensionElement(ZeebeProperties.class);
        return properties == null ? List.of() : properties.getProperties().stream()
                .filter(p -> name.equals(p.getName())).map(ZeebeProperty::getValue).toList();
    }

    private static void holdoutShare(String file, Process process, List<Problem> problems) {
        List<String> shares = properties(process, HOLDOUT_SHARE);
        if (shares.size() > 1) {
            problems.add(new Problem(file, process.getId(), "declares the process property <" + HOLDOUT_SHARE + "> more than once"));
        } else if (shares.size() == 1) {
            String share = shares.get(0) == null ? "" : shares.get(0).strip();
            double value;
            try {
                value = Double.parseDouble(share);
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (!(value >= 0 && value <= 1)) {
                problems.add(new Problem(file, process.getId(), "process property <" + HOLDOUT_SHARE + "> is <" + share
                        + ">, expected a share between 0 and 1 (0.1 holds out one customer in ten)"));
            }
        }
    }

    private static void stage(String file, Process process, List<Problem> problems) {
        List<String> stages = properties(process, STAGE);
        if (stages.isEmpty()) {
            problems.add(new Problem(file, process.getId(), "declares no stage: add the process property <beacon.stage> (attract, retain or leverage)"));
        } else if (stages.size() > 1) {
            problems.add(new Problem(file, process.getId(), "declares the process property <beacon.stage> more than once"));
        } else if (!STAGES.contains(stages.get(0))) {
            problems.add(new Problem(file, process.getId(), "process property <beacon.stage> is <" + stages.get(0)
                    + ">, expected attract, retain or leverage"));
        }
    }

    private static void optOut(String file, Process process, List<Problem> problems) {
        List<StartEvent> starts = process.getFlowElements().stream()
                .filter(e -> e instanceof SubProcess sub && sub.triggeredByEvent())
                .flatMap(sub -> ((SubProcess) sub).getFlowElements().stream())
                .filter(StartEvent.class::isInstance).map(StartEvent.class::cast)
                .filter(start -> optOutMessage(start) != null)
                .toList();
        if (starts.isEmpty()) {
            problems.add(new Problem(file, process.getId(), "lacks an interrupting event subprocess started by message <"
                    + OPT_OUT_MESSAGE + "> (an opt-out must end the journey wherever it waits)"));
            return;
        }
        List<StartEvent> interrupting = starts.stream().filter(StartEvent::isInterrupting).toList();
        if (interrupting.isEmpty()) {
            starts.forEach(start -> problems.add(new Problem(file, start.getId(), "the <" + OPT_OUT_MESSAGE + "> event subprocess must be interrupting")));
            return;
        }
        for (StartEvent start : interrupting) {
            ZeebeSubscription subscription = optOutMessage(start).getMessage().getSingleExtensionElement(ZeebeSubscription.class);
            String key = subscription == null ? null : subscription.getCorrelationKey();
            if (key == null || !key.replaceAll("\\s+", "").equals("=customerId")) {
                problems.add(new Problem(file, start.getId(), "message <" + OPT_OUT_MESSAGE
                        + "> must be correlated by the customer id (correlation key =customerId), found <" + key + ">"));
            }
        }
    }

    private static MessageEventDefinition optOutMessage(StartEvent start) {
        return start.getEventDefinitions().stream()
                .filter(MessageEventDefinition.class::isInstance).map(MessageEventDefinition.class::cast)
                .filter(d -> d.getMessage() != null && OPT_OUT_MESSAGE.equals(d.getMessage().getName()))
                .findFirst().orElse(null);
    }

    private static void sendTemplates(String file, List<FlowElement> elements, List<Problem> problems) {
        for (FlowElement element : elements) {
            if (!isSend(element)) {
                continue;
            }
            ZeebeTaskHeaders headers = element.getSingleExtensionElement(ZeebeTaskHeaders.class);
            boolean named = headers != null && headers.getHeaders().stream()
                    .anyMatch(h -> "template".equals(h.getKey()) && h.getValue() != null && !h.getValue().isBlank());
            if (!named) {
                problems.add(new Problem(file, element.getId(), "send task (" + jobType(element) + ") names no message template (task header <template>)"));
            }
        }
    }

    /**
     * No path may reach a send from a start event (of the process or of an event subprocess), nor from a previous send
     * (channel fallback), without passing a check-contact-policy task; a boundary event of the check did not complete it.
     */
    private static void contactPolicyBeforeSend(String file, List<FlowElement> elements, List<Problem> problems) {
        Map<FlowNode, List<FlowNode>> successors = graph(elements);
        var reported = new HashSet<String>();
        for (FlowElement element : elements) {
            if (element instanceof StartEvent start && !(start.getParentElement() instanceof SubProcess sub && !sub.triggeredByEvent())) {
                search(file, start, "from start event <" + start.getId() + ">", successors, elements, reported, problems);
            }
            if (element instanceof FlowNode node && isSend(node)) {
                search(file, node, "after send task <" + node.getId() + "> (a fallback needs its own check)", successors, elements, reported, problems);
            }
        }
    }

    private static void search(String file, FlowNode origin, String describe, Map<FlowNode, List<FlowNode>> successors,
                               List<FlowElement> elements, Set<String> reported, List<Problem> problems) {
        var seen = new HashSet<FlowNode>();
        var queue = new ArrayDeque<>(successors.getOrDefault(origin, List.of()));
        while (!queue.isEmpty()) {
            FlowNode current = queue.poll();
            if (!seen.add(current)) {
                continue;
            }
            if (isSend(current)) {
                if (reported.add(current.getId() + "<" + origin.getId())) {
                    problems.add(new Problem(file, current.getId(), "send task (" + jobType(current) + ") is reachable " + describe
                            + " without passing a contact-policy check (a service task of type " + CONTACT_POLICY_TYPE + ")"));
                }
            } else if (CONTACT_POLICY_TYPE.equals(jobType(current))) {
                queue.addAll(boundaryEventsOf(current, elements));
            } else {
                queue.addAll(successors.getOrDefault(current, List.of()));
            }
        }
    }

    private static Map<FlowNode, List<FlowNode>> graph(List<FlowElement> elements) {
        // from the sequence flows themselves: <outgoing> references are optional in BPMN XML
        var flowTargets = new LinkedHashMap<FlowNode, List<FlowNode>>();
        elements.stream().filter(SequenceFlow.class::isInstance).map(SequenceFlow.class::cast)
                .forEach(f -> flowTargets.computeIfAbsent(f.getSource(), n -> new ArrayList<>()).add(f.getTarget()));
        Function<FlowNode, List<FlowNode>> targets = node -> flowTargets.getOrDefault(node, List.of());
        var successors = new LinkedHashMap<FlowNode, List<FlowNode>>();
        for (FlowElement element : elements) {
            if (!(element instanceof FlowNode node)) {
                continue;
            }
            List<FlowNode> next = successors.computeIfAbsent(node, n -> new ArrayList<>());
            if (isEmbedded(node)) {
                // into the subprocess through its start events; out of it only after it has run
                Collection<FlowElement> inner = ((SubProcess) node).getFlowElements();
                inner.stream().filter(StartEvent.class::isInstance).forEach(s -> next.add((FlowNode) s));
                for (FlowElement end : inner) {
                    if (end instanceof FlowNode innerNode && !(end instanceof BoundaryEvent) && !(end instanceof StartEvent)
                            && (!(end instanceof SubProcess) || isEmbedded(innerNode)) && targets.apply(innerNode).isEmpty()) {
                        successors.computeIfAbsent(innerNode, n -> new ArrayList<>()).addAll(targets.apply(node));
                    }
                }
            } else {
                next.addAll(targets.apply(node));
            }
            next.addAll(boundaryEventsOf(node, elements));
            String link = linkName(node);
            if (node instanceof IntermediateThrowEvent && link != null) {
                elements.stream().filter(e -> e instanceof IntermediateCatchEvent && link.equals(linkName(e))
                        && e.getParentElement() == node.getParentElement()).forEach(e -> next.add((FlowNode) e));
            }
        }
        return successors;
    }

    private static List<FlowNode> boundaryEventsOf(FlowNode node, List<FlowElement> elements) {
        return elements.stream().filter(e -> e instanceof BoundaryEvent b && b.getAttachedTo() == node).map(FlowNode.class::cast).toList();
    }

    private static String linkName(FlowElement element) {
        Collection<EventDefinition> definitions = element instanceof CatchEvent c ? c.getEventDefinitions()
                : element instanceof ThrowEvent t ? t.getEventDefinitions() : List.of();
        return definitions.stream().filter(LinkEventDefinition.class::isInstance)
                .map(d -> ((LinkEventDefinition) d).getName()).findFirst().orElse(null);
    }

    private static boolean isEmbedded(FlowNode node) {
        return node instanceof SubProcess sub && !sub.triggeredByEvent();
    }

    private static boolean isSend(BaseElement element) {
        String type = jobType(element);
        return type != null && SEND_TYPES.contains(type);
    }

    private static String jobType(BaseElement element) {
        ZeebeTaskDefinition definition = element.getSingleExtensionElement(ZeebeTaskDefinition.class);
        return definition == null ? null : definition.getType();
    }

    /** The review decisions a journey waits for: the RM's, then the checker's (ADR 0028). */
    static final Set<String> REVIEW_MESSAGES = Set.of("OfferReviewed", "OfferChecked");

    /**
     * Maker-checker (ADR 0028), as the lint plugin's {@code maker-checker}: a journey with {@code request-rm-review} has a
     * {@code request-offer-check} task, and every timer racing a review decision at an event-based gateway is a timer
     * date (the one deadline {@code reviewDueAt}), never a duration that would restart the SLA at the checker.
     */
    private static void makerChecker(String file, List<FlowElement> elements, List<Problem> problems) {
        var review = elements.stream().filter(e -> "request-rm-review".equals(jobType(e))).findFirst();
        if (review.isPresent() && elements.stream().noneMatch(e -> "request-offer-check".equals(jobType(e)))) {
            problems.add(new Problem(file, review.get().getId(), "RM review without the checker's step: a journey with <request-rm-review> "
                    + "needs a <request-offer-check> task after the RM approves, for the offers decisioning flags with secondApproval (ADR 0028)"));
        }
        for (FlowElement element : elements) {
            if (!(element instanceof io.camunda.zeebe.model.bpmn.instance.EventBasedGateway gateway)) {
                continue;
            }
            var targets = gateway.getOutgoing().stream().map(SequenceFlow::getTarget).toList();
            boolean waitsForReview = targets.stream().anyMatch(t -> t instanceof CatchEvent c && c.getEventDefinitions().stream()
                    .anyMatch(d -> d instanceof MessageEventDefinition m && m.getMessage() != null && REVIEW_MESSAGES.contains(m.getMessage().getName())));
            if (!waitsForReview) {
                continue;
            }
            for (var target : targets) {
                if (target instanceof CatchEvent c && c.getEventDefinitions().stream()
                        .anyMatch(d -> d instanceof io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition t && t.getTimeDate() == null)) {
                    problems.add(new Problem(file, target.getId(), "Review SLA timer must be a timer date (the deadline reviewDueAt, computed "
                            + "once for the RM and the checker), not a duration or cycle that restarts the SLA (ADR 0028)"));
                }
            }
        }
    }

    private static void collect(Collection<FlowElement> container, List<FlowElement> into) {
        for (FlowElement element : container) {
            into.add(element);
            if (element instanceof SubProcess sub) {
                collect(sub.getFlowElements(), into);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    }
}
