package io.beacon.console.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The RM's personal note: what may go into a message and what is refused, with exactly what is wrong (ADR 0028). */
class NoteCheckTest {

    private final NoteCheck check = new NoteCheck(280, List.of("guaranteed return", "risk-free", "保本", "稳赚", "rentabilidad garantizada"));

    private List<String> rules(String note) {
        return check.problems(note).stream().map(NoteCheck.Problem::rule).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Happy to talk it through on Friday.",
            "A fund of £250,000 since 2026-12-05, 40% in equities, 12 months minimum.",
            "周五见面详谈，祝好。",
            "Encantado de hablarlo el viernes en la oficina.",
            "Risk rating 4 of 5: please read the key information document."})
    void anOrdinaryNoteGoesThrough(String note) {
        assertThat(check.problems(note)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Call me on +86 138 0013 8000 any time",
            "下周打我电话13800138000",
            "Ring me: +44 20 7946 0018",
            "Ring me on (020) 7946 0018",
            "My mobile is 07700 900123",
            "Llámame al +34 612 34 56 78",
            "digits one by one: 0 7 7 0 0 9 0 0 1 2 3",
            "+852 2123 4567 is my desk"})
    void aPhoneNumberInAnyFormatIsRefused(String note) {
        assertThat(rules(note)).containsExactly("phone-number");
    }

    @Test
    void theRefusalNamesTheNumberMaskedNotInClear() {
        var problems = check.problems("Call me on +86 138 0013 8000 any time");

        assertThat(problems).singleElement().satisfies(p -> assertThat(p.found()).isEqualTo("+***********00"));
        assertThat(NoteCheck.describe(problems)).contains("it contains a phone number (+***********00)").doesNotContain("138 0013");
    }

    @Test
    void anEmailAddressIsRefusedMasked() {
        var problems = check.problems("Write to jane.doe@example.com please");

        assertThat(problems).extracting(NoteCheck.Problem::rule).containsExactly("email");
        assertThat(problems.getFirst().message()).isEqualTo("it contains an e-mail address (j***@example.com)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"see https://fund.example/info", "see http://x.io", "see www.beacon-funds.info", "see beacon-funds.com/apply",
            "details at example.co.uk"})
    void aLinkIsRefused(String note) {
        assertThat(rules(note)).containsExactly("link");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A GUARANTEED   RETURN of 5%", "It is Risk-Free", "这个产品保本", "稳赚不赔", "Rentabilidad GARANTÍZADA",
            "ｇｕａｒａｎｔｅｅｄ ｒｅｔｕｒｎ"})
    void aForbiddenPromiseIsRefusedWhateverTheCaseAccentsOrWidth(String note) {
        assertThat(rules(note)).containsExactly("forbidden-promise");
    }

    @Test
    void theRefusalSaysWhichPromise() {
        assertThat(NoteCheck.describe(check.problems("rentabilidad garantizada y risk-free")))
                .contains("it makes a forbidden promise ('risk-free')", "it makes a forbidden promise ('rentabilidad garantizada')");
    }

    @Test
    void aNoteTooLongIsRefusedWithItsLength() {
        var problems = check.problems("x".repeat(281));

        assertThat(problems).extracting(NoteCheck.Problem::rule).containsExactly("length");
        assertThat(problems.getFirst().message()).isEqualTo("it has 281 characters; at most 280 fit into the message");
        assertThat(check.problems("x".repeat(280))).isEmpty();
        assertThat(check.problems("保".repeat(280).replace('保', '好'))).isEmpty();
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThat(rules("Guaranteed return! Call +86 138 0013 8000 or mail a@b.com, www.x.com"))
                .containsExactly("phone-number", "email", "link", "forbidden-promise");
    }

    @Test
    void noPhrasesConfiguredChecksTheRest() {
        var plain = new NoteCheck(280, null);

        assertThat(plain.problems("guaranteed return")).isEmpty();
        assertThat(plain.problems("+86 138 0013 8000")).hasSize(1);
        assertThat(plain.problems(null)).isEmpty();
    }
}
