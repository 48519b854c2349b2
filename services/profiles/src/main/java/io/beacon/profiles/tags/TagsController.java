package io.beacon.profiles.tags;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/tags}: the tag definitions serving, their version, and the last refused change. */
@RestController
class TagsController {

    record Definition(String name, String description, String kind, String event, String when, Integer windowDays,
                      BigDecimal atLeast, String sumOf, Integer minAge, Integer maxAge) {
    }

    record Status(String version, Instant loadedAt, String directory, boolean watching, List<Definition> definitions,
                  TagReloader.Rejection lastRejected) {
    }

    private final TagReloader reloader;

    TagsController(TagReloader reloader) {
        this.reloader = reloader;
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
