package io.beacon.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/data-minimisation.md gives every field the schemas keep, and nothing else: a field needs a reason to be kept. */
class DataMinimisationDocumentedTest {

    @Test
    void everyFieldTheSchemasKeepIsDocumentedWithItsReasonAndNothingElse() throws IOException {
        String page = Files.readString(Path.of("../../docs/data-minimisation.md"));
        var documented = Pattern.compile("^\\| `(bank\\.[a-z.-]+)` \\| `([A-Za-z]+)` \\| (.+) \\|$", Pattern.MULTILINE).matcher(page).results()
                .peek(m -> assertThat(m.group(3).strip()).as("the reason for " + m.group(1) + " " + m.group(2)).isNotBlank())
                .map(m -> m.group(1) + " " + m.group(2)).toList();

        var declared = new ArrayList<String>();
        try (Stream<Path> schemas = Files.list(Path.of("src/main/resources/contracts/schemas"))) {
            for (Path schema : schemas.filter(p -> p.getFileName().toString().startsWith("bank.")).sorted().toList()) {
                String type = schema.getFileName().toString().replace(".schema.json", "");
                JsonNode properties = Json.mapper().readTree(schema.toFile()).path("properties");
                properties.fieldNames().forEachRemaining(field -> declared.add(type + " " + field));
            }
        }

        assertThat(declared).isNotEmpty();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(declared);
    }
}
