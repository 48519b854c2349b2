package io.beacon.delivery;

import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.channels.TemplatesApi;
import io.beacon.contracts.api.channels.TemplatesCheck;
import io.beacon.contracts.api.channels.TemplatesCheckRequest;
import io.beacon.contracts.api.channels.TemplatesStatus;
import java.util.List;

/**
 * A sender's content, over HTTP (ADR 0027): {@code GET /api/templates} (version, when it was loaded, from where, every
 * template, the last refused change with every problem) and {@code POST /api/templates/check} (a complete content
 * tree, checked as this channel would load it, with no effect on the set serving, and the messages it would render
 * differently, for a proposed change's report, ADR 0029). Each sender declares a
 * {@code @RestController} subclass.
 */
public abstract class ContentApi implements TemplatesApi {

    private final LiveTemplates templates;

    protected ContentApi(LiveTemplates templates) {
        this.templates = templates;
    }

    @Override
    public TemplatesStatus templates() {
        LiveTemplates.Status status = templates.status();
        LiveTemplates.Rejection rejection = status.lastRejection();
        return new TemplatesStatus(status.channel(), status.version(), status.loadedAt(), status.directory(), status.watching(), status.interval(),
                rejection == null ? null : new TemplatesStatus.Rejection(rejection.at(), rejection.version(), problems(rejection.problems())),
                status.templates().stream().map(t -> new TemplatesStatus.Template(t.name(), t.kind().name(), t.offer(), t.generic(), t.locales()))
                        .toList(),
                status.offersOwn());
    }

    @Override
    public TemplatesCheck check(TemplatesCheckRequest request) {
        if (request == null || request.files() == null || request.files().isEmpty()) {
            String required = "required, every file of a content tree by its path relative to content/ (\"sms/en.yml\": \"...\")";
            throw new ApiProblem.Invalid(400, null, "Invalid content check", "files: " + required,
                    List.of(new ApiProblem.FieldError("files", required)));
        }
        LiveTemplates.CheckResult result = templates.check(request.files(), request.offered() == null ? List.of() : request.offered());
        RenderedChanges.Messages rendered = result.rendered();
        return new TemplatesCheck(result.version(), problems(result.problems()), rendered == null ? null : new TemplatesCheck.Rendered(
                rendered.shown().stream().map(m -> new TemplatesCheck.Message(m.template(), m.offer(), m.locale(), m.personalised(),
                        m.why() == null ? null : m.why().name(), m.parts())).toList(), rendered.count()));
    }

    private static List<io.beacon.contracts.api.channels.ContentProblem> problems(List<ContentProblem> problems) {
        return problems.stream().map(p -> new io.beacon.contracts.api.channels.ContentProblem(p.file(), p.locale(), p.place(), p.message()))
                .toList();
    }
}
