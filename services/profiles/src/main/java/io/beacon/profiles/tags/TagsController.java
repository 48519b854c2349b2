package io.beacon.profiles.tags;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/tags}: the tag definitions serving, their version, and the last refused change; and back-fills. */
@RestController
class TagsController {

    record Definition(String name, String description, String kind, String event, String when, Integer windowDays,
                      BigDecimal atLeast, String sumOf, Integer minAge, Integer maxAge) {
    }

    record Status(String version, Instant loadedAt, String directory, boolean watching, List<Definition> definitions,
                  TagReloader.Rejection lastRejected) {
    }

    private final TagReloader reloader;
    private final TagBackfill backfill;

    TagsController(TagReloader reloader, TagBackfill backfill) {
        this.reloader = reloader;
        this.backfill = backfill;
    }

    /**
     * Recomputes the tag for every customer from the recorded accepted events; answers when done. Running it again
     * changes nothing. 404 for a tag that is not defined.
     */
    @PostMapping("/api/tags/{name}/backfill")
    ResponseEntity<?> backfill(@PathVariable String name) {
        if (!reloader.knownTags().contains(name)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(java.util.Map.of("error", "no tag " + name + " is defined",
                    "known", reloader.knownTags()));
        }
        return ResponseEntity.ok(backfill.run(name));
    }

    @GetMapping("/api/tags")
    Status tags() {
        PersonaTags tags = reloader.get();
        return new Status(tags.version(), tags.loadedAt(), reloader.tagsDirectory().toString(), reloader.watching(),
                tags.definitions().stream().map(d -> {
                    boolean age = d.kind() == TagDefinition.Kind.ageBand;
                    return new Definition(d.name(), d.description(), d.kind().name(), d.event() == null ? null : d.event().type(),
                            d.when(), age ? null : d.windowDays(), d.atLeast(), d.sumOf(), age ? d.minAge() : null, age ? d.maxAge() : null);
                }).toList(), reloader.lastRejected());
    }
}
