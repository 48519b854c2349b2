package io.beacon.delivery;

import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.ContentExperiment;
import io.beacon.contracts.Topics;
import io.beacon.platform.CompactedTopic;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The content experiments running now (ADR 0025), as the console publishes them on the compacted
 * {@link Topics#EXPERIMENTS}: each send of an offer on a channel with a running experiment goes out in the variant the
 * customer is assigned to ({@link ContentExperiment#assign}, stable per customer), and says so on its outcomes.
 */
public class ContentExperiments implements AutoCloseable {

    private final Map<String, ContentExperiment> byId = new ConcurrentHashMap<>();
    private final CompactedTopic topic;

    /** Experiments known in advance (tests): nothing is followed. */
    public static ContentExperiments of(ContentExperiment... experiments) {
        var known = new ContentExperiments();
        for (ContentExperiment experiment : experiments) {
            known.apply(experiment.id(), experiment);
        }
        return known;
    }

    private ContentExperiments() {
        this.topic = null;
    }

    /** Reads the experiments as they stand (up to 30 s), then follows them. */
    public ContentExperiments(String bootstrap, String clientId) {
        this.topic = new CompactedTopic(bootstrap, Topics.EXPERIMENTS, clientId, (id, value) ->
                apply(id, value == null ? null : BeaconEvents.data(BeaconEvents.deserialize(value), ContentExperiment.class)));
    }

    void apply(String id, ContentExperiment experiment) {
        if (experiment == null || !experiment.running()) {
            byId.remove(id);
        } else {
            byId.put(id, experiment);
        }
    }

    /** The running experiment on this offer and channel, if any (the console lets only one run per offer and channel). */
    public Optional<ContentExperiment> running(String productCode, Channel channel) {
        return byId.values().stream()
                .filter(e -> e.productCode().equals(productCode) && e.channel().equals(channel.id()))
                .findFirst();
    }

    /** The request in the variant its customer is assigned to, or unchanged when no experiment runs on it. */
    public DeliveryRequest assign(DeliveryRequest request) {
        return running(request.productCode(), request.channel())
                .map(e -> request.withVariant(e.label(e.assign(request.customerId()))))
                .orElse(request);
    }

    @Override
    public void close() {
        if (topic != null) {
            topic.close();
        }
    }
}
