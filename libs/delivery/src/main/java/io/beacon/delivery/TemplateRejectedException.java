package io.beacon.delivery;

import java.util.List;

/** A channel's content set was refused: the message lists every problem with its file, locale and place. */
public class TemplateRejectedException extends IllegalStateException {

    private final List<ContentProblem> problems;

    public TemplateRejectedException(Channel channel, List<ContentProblem> problems) {
        super(channel.id() + " templates refused (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  - "
                + String.join("\n  - ", problems.stream().map(ContentProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<ContentProblem> problems() {
        return problems;
    }
}
