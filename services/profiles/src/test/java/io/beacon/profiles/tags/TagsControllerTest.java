package io.beacon.profiles.tags;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** What GET /api/tags shows: the version, the definitions and the last refused change; a back-fill of no tag is 404. */
class TagsControllerTest {

    @Test
    void showsTheDefinitionsServingAndTheLastRejection(@TempDir Path rules) throws Exception {
        Path tags = Files.createDirectories(rules.resolve("tags"));
        Files.writeString(tags.resolve("tags.json"), """
                {"tags": [{"name": "loggedInThisWeek", "kind": "count", "event": "bank.digital.login", "when": "channel = \\"APP\\"",
                           "windowDays": 7, "atLeast": 1}]}""");
        TagReloader reloader = new TagReloader(rules, Duration.ofSeconds(2), false);
        Files.writeString(tags.resolve("tags.json"), "{\"tags\": [{\"name\": \"x\", \"kind\": \"count\"}]}");
        reloader.poll();
        reloader.poll();
        // a back-fill never reaches the event log for an unknown tag
        var server = new de.bwaldvogel.mongo.MongoServer(new de.bwaldvogel.mongo.backend.memory.MemoryBackend());
        try (var client = com.mongodb.client.MongoClients.create(server.bindAndGetConnectionString())) {
            TagBackfill backfill = new TagBackfill(client.getDatabase("test"), reloader::get, sink -> {
                throw new AssertionError("replayed");
            }, Clock.systemUTC(), new io.beacon.profiles.SealedFields(io.beacon.platform.TestKeys.protection()));
            check(MockMvcBuilders.standaloneSetup(new TagsController(reloader, backfill)).setControllerAdvice(new io.beacon.platform.ApiProblemAnswers())
                    .build(), reloader);
        } finally {
            server.shutdownNow();
        }
    }

    private static void check(MockMvc mvc, TagReloader reloader) throws Exception {
        mvc.perform(get("/api/tags"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(reloader.get().version()))
                .andExpect(jsonPath("$.definitions[0].name").value("loggedInThisWeek"))
                .andExpect(jsonPath("$.definitions[0].event").value("bank.digital.login"))
                .andExpect(jsonPath("$.definitions[0].windowDays").value(7))
                .andExpect(jsonPath("$.lastRejected.problems[0].file").value("tags/tags.json"))
                .andExpect(jsonPath("$.lastRejected.problems[*].pointer", Matchers.hasItem("/tags/0/event")));
        // a problem (ApiProblem.NotFound) that names the tags that are defined
        mvc.perform(post("/api/tags/noSuchTag/backfill"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("no tag noSuchTag is defined; defined: loggedInThisWeek"));
    }
}
