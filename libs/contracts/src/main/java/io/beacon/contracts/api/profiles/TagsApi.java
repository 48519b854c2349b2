package io.beacon.contracts.api.profiles;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

/** The persona tag definitions serving (ADR 0022), and their back-fill over the recorded events. */
public interface TagsApi {

    /** The definitions serving, their version, and the last refused change. */
    @GetExchange("/api/tags")
    TagsStatus tags();

    /**
     * Recomputes the tag for every customer from the recorded accepted events; answers when done. Running it again
     * changes nothing. {@link io.beacon.contracts.api.ApiProblem.NotFound} for a tag that is not defined.
     */
    @PostExchange("/api/tags/{name}/backfill")
    TagBackfillResult backfill(@PathVariable String name);
}
