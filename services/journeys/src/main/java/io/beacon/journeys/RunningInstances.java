package io.beacon.journeys;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many instances of each journey are running now, asked of the orchestration cluster's search API
 * ({@code POST /v2/process-instances/search}, state ACTIVE). That API reads the cluster's secondary storage
 * (Elasticsearch in docker-compose.yml); the embedded engine of the local run has none, so there the answer is
 * "unknown" and says why, never a made-up number.
 */
class RunningInstances {

    private static final Logger log = LoggerFactory.getLogger(RunningInstances.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /**
     * @param counts   journey to running instances; a count the search caps is a lower bound ({@code atLeast})
     * @param unknown  why there are no counts, or null
     */
    record Counts(Map<String, Long> counts, boolean atLeast, String unknown) {
    }

    private final CamundaClient client;
    private final boolean searchable;

    /** @param searchable whether the cluster has a REST address with search (beacon.zeebe.rest-address is set) */
    RunningInstances(CamundaClient client, boolean searchable) {
        this.client = client;
        this.searchable = searchable;
    }

    Counts of(List<String> journeys) {
        if (!searchable) {
            return new Counts(Map.of(), false, "the engine has no search API here (beacon.zeebe.rest-address is not set: "
                    + "the embedded engine keeps no secondary storage)");
        }
        var counts = new LinkedHashMap<String, Long>();
        boolean atLeast = false;
        try {
            for (String journey : journeys) {
                var page = client.newProcessInstanceSearchRequest()
                        .filter(filter -> filter.processDefinitionId(journey).state(ProcessInstanceState.ACTIVE))
                        .page(p -> p.limit(1))
                        .send().join(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                        .page();
                counts.put(journey, page.totalItems());
                atLeast |= Boolean.TRUE.equals(page.hasMoreTotalItems());
            }
        } catch (RuntimeException e) {
            log.warn("running instances unknown: the engine's search did not answer ({})", e.getMessage());
            return new Counts(Map.of(), false, "the engine's search did not answer: " + e.getClass().getSimpleName());
        }
        return new Counts(counts, atLeast, null);
    }
}
