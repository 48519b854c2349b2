package io.beacon.profiles.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.profiles.TagBackfillResult;
import io.beacon.contracts.api.profiles.TagDefinitionView;
import io.beacon.contracts.api.profiles.TagsApi;
import io.beacon.contracts.api.profiles.TagsStatus;
import io.beacon.profiles.ProfilesOverHttp;
import org.junit.jupiter.api.Test;

/**
 * TagsApi: the controller over real HTTP, called through the typed client, on the tags the repository ships
 * (rules/tags/tags.json). The API takes no input to refuse: a tag that is not defined is its one refusal.
 */
class TagsApiContractTest extends ProfilesOverHttp {

    @Test
    void theDefinitionsServingAreTyped() {
        TagsStatus status = api(TagsApi.class, "console").tags();

        assertThat(status.version()).isNotBlank();
        assertThat(status.loadedAt()).isNotNull();
        assertThat(status.watching()).isFalse();
        assertThat(status.lastRejected()).isNull();
        TagDefinitionView age = status.definitions().stream().filter(d -> d.name().equals("age25to35")).findFirst().orElseThrow();
        assertThat(age.kind()).isEqualTo("ageBand");
        assertThat(age.minAge()).isEqualTo(25);
        assertThat(age.maxAge()).isEqualTo(35);
        assertThat(age.windowDays()).isNull();
        assertThat(age.event()).isNull();
        TagDefinitionView salary = status.definitions().stream().filter(d -> d.name().equals("salaryCreditedTwiceIn60Days")).findFirst().orElseThrow();
        assertThat(salary.event()).isEqualTo("bank.transaction.posted");
        assertThat(salary.windowDays()).isEqualTo(60);
        assertThat(salary.minAge()).isNull();
    }

    @Test
    void aBackfillAnswersWhatItDidAndATagThatIsNotDefinedIsNotFound() {
        database.getCollection("profiles").drop();
        TagsApi tags = api(TagsApi.class, "console");

        assertThat(tags.backfill("salaryCreditedTwiceIn60Days")).isEqualTo(new TagBackfillResult("salaryCreditedTwiceIn60Days", 0, 0, 0));
        assertThatThrownBy(() -> tags.backfill("noSuchTag")).isInstanceOf(ApiProblem.NotFound.class)
                .hasMessageStartingWith("no tag noSuchTag is defined; defined: ").hasMessageContaining("age25to35");
    }
}
