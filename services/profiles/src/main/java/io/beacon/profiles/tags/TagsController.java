package io.beacon.profiles.tags;

import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.profiles.DefinitionProblem;
import io.beacon.contracts.api.profiles.DefinitionsRejection;
import io.beacon.contracts.api.profiles.TagBackfillResult;
import io.beacon.contracts.api.profiles.TagDefinitionView;
import io.beacon.contracts.api.profiles.TagsApi;
import io.beacon.contracts.api.profiles.TagsStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/tags}: the tag definitions serving, their version, and the last refused change; and back-fills. */
@RestController
class TagsController implements TagsApi {

    private final TagReloader reloader;
    private final TagBackfill backfill;

    TagsController(TagReloader reloader, TagBackfill backfill) {
        this.reloader = reloader;
        this.backfill = backfill;
    }

    /**
     * Recomputes the tag for every customer from the recorded accepted events; answers when done. Running it again
     * changes nothing. 404 for a tag that is not defined, naming the ones that are.
     */
    @Override
    public TagBackfillResult backfill(String name) {
        if (!reloader.knownTags().contains(name)) {
            throw new ApiProblem.NotFound("no tag " + name + " is defined; defined: " + String.join(", ", reloader.knownTags()));
        }
        TagBackfill.Result result = backfill.run(name);
        return new TagBackfillResult(result.tag(), result.eventsRecorded(), result.profilesRead(), result.profilesChanged());
    }

    @Override
    public TagsStatus tags() {
        PersonaTags tags = reloader.get();
        TagReloader.Rejection rejected = reloader.lastRejected();
        return new TagsStatus(tags.version(), tags.loadedAt(), reloader.tagsDirectory().toString(), reloader.watching(),
                tags.definitions().stream().map(d -> {
                    boolean age = d.kind() == TagDefinition.Kind.ageBand;
                    return new TagDefinitionView(d.name(), d.description(), d.kind().name(), d.event() == null ? null : d.event().type(),
                            d.when(), age ? null : d.windowDays(), d.atLeast(), d.sumOf(), age ? d.minAge() : null, age ? d.maxAge() : null);
                }).toList(), rejected == null ? null : new DefinitionsRejection(rejected.at(), rejected.fingerprint(), rejected.problems().stream()
                        .map(p -> new DefinitionProblem(p.file(), p.line(), p.pointer(), p.reason())).toList()));
    }
}
