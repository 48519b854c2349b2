package io.beacon.delivery;

import java.util.List;

/** A channel's templates were refused at load: the message lists every template and what is wrong with it. */
public class TemplateRejectedException extends IllegalStateException {

    private final List<String> problems;

    public TemplateRejectedException(Channel channel, List<String> problems) {
        super(channel.id() + " templates refused (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
