package io.beacon.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReasonCodesDocumentedTest {

    @Test
    void everyReasonCodeIsDocumentedAndNothingElse() throws IOException {
        String page = Files.readString(Path.of("../../docs/reason-codes.md"));
        var documented = Pattern.compile("^\\| `([A-Z_]+)` \\|", Pattern.MULTILINE).matcher(page).results().map(m -> m.group(1)).toList();

        assertThat(documented).containsExactlyInAnyOrderElementsOf(Arrays.stream(ReasonCode.values()).map(Enum::name).toList());
    }
}
