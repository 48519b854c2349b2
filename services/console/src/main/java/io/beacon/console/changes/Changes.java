package io.beacon.console.changes;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.beacon.console.access.AuditLog;
import io.beacon.console.access.ConsoleRole;
import io.beacon.console.access.CustomerAccess;
import io.beacon.contracts.LiveRelease;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;

/**
 * Governed change (ADR 0029): a change set to rules/, workflows/ or content/ is a proposal; Beacon checks and replays
 * it; a second person with the approver role makes it live as the next release; one action rolls the live release
 * back to the one before. Every act, refused ones too, is audited.
 */
public class Changes {

    private static final Logger log = LoggerFactory.getLogger(Changes.class);

    /** What became of an act. */
    public sealed interface Result {
        String message();
    }

    public record Done(String message, Proposal proposal) implements Result {
    }

    /** The request is wrong (400). */
    public record Invalid(String message) implements Result {
    }

    /** No such proposal (404). */
    public record NotFound(String message) implements Result {
    }

    /** Not this person's to do (403): their own proposal, or a role they lack. */
    public record Forbidden(String message) implements Result {
    }

    /** The proposal is not in a state for it, or another change came first (409). */
    public record Conflict(String message) implements Result {
    }

    /** Kafka or a service did not take it; nothing changed (503). */
    public record Unavailable(String message) implements Result {
    }

    static final int MAX_FILE = 1024 * 1024;
    private static final Pattern PATH = Pattern.compile("(rules|content)/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*|workflows/[A-Za-z0-9_.-]+\\.bpmn");

    private final Proposals proposals;
    private final Releases releases;
    private final ChangeChecks checks;
    private final AuditLog audit;
    private final Clock clock;
    private final ExecutorService checking = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("proposal-checks").unstarted(r));

    public Changes(Proposals proposals, Releases releases, ChangeChecks checks, AuditLog audit, Clock clock) {
        this.proposals = proposals;
        this.releases = releases;
        this.checks = checks;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<LiveRelease> live() {
        return releases.live();
    }

    /**
     * Proposes a change set on the live release: each path under rules/, workflows/ (a .bpmn) or content/, each a real
     * change; a null text deletes the file. Checked and replayed in the background.
     */
    public Result propose(String author, String title, Map<String, String> changes) {
        var live = releases.live();
        if (live.isEmpty()) {
            return refused(author, "propose", "proposals", new Unavailable("no release is live yet (the console publishes the first from its folders at start)"));
        }
        var errors = new ArrayList<String>();
        if (title == null || title.isBlank() || title.length() > 200) {
            errors.add("title: required, at most 200 characters");
        }
        if (changes == null || changes.isEmpty()) {
            errors.add("files: no file changed");
        } else {
            changes.forEach((path, text) -> {
                if (path == null || !PATH.matcher(path).matches() || path.contains("..")) {
                    errors.add(path + ": not a file Beacon loads from rules/, workflows/ (a .bpmn file directly in it) or content/");
                } else if (text == null && !live.get().files().containsKey(path)) {
                    errors.add(path + ": cannot be deleted, it is not in release " + live.get().number());
                } else if (text != null && text.length() > MAX_FILE) {
                    errors.add(path + ": " + text.length() + " characters, more than " + MAX_FILE);
                } else if (text != null && text.equals(live.get().files().get(path))) {
                    errors.add(path + ": unchanged from release " + live.get().number());
                }
            });
        }
        if (!errors.isEmpty()) {
            return refused(author, "propose", "proposals", new Invalid(String.join("; ", errors)));
        }
        var proposal = new Proposal(newId(), title.strip(), author, Instant.now(clock), live.get().number(), Proposal.Status.CHECKING,
                new TreeMap<>(changes), diff(live.get().files(), changes), Map.of(), null, List.of(), null, null, null, null);
        try {
            proposals.create(proposal);
        } catch (Proposals.Claimed e) {
            return refused(author, "propose", "proposals", new Conflict(e.getMessage()));
        }
        audit.record(author, "CHANGE_PROPOSED", "proposal/" + proposal.id(), null, "ACCEPTED",
                proposal.title() + " (" + String.join(", ", proposal.changes().keySet()) + "; on release " + proposal.base() + ")");
        checking.submit(() -> check(proposal.id()));
        return new Done("proposal " + proposal.id() + " is being checked and replayed", proposal);
    }

    /** Runs the checks and the replay of a proposal still being checked; also for those a restart interrupted. */
    void check(String id) {
        var proposal = proposals.find(id).orElse(null);
        if (proposal == null || proposal.status() != Proposal.Status.CHECKING) {
            return;
        }
        var base = releases.find(proposal.base()).orElse(null);
        ChangeChecks.Outcome outcome;
        try {
            if (base == null) {
                throw new IllegalStateException("release " + proposal.base() + " is not recorded");
            }
            outcome = checks.check(apply(base.files(), proposal.changes()), proposal.changes().keySet());
        } catch (RuntimeException e) {
            log.warn("proposal {} could not be checked", id, e);
            outcome = new ChangeChecks.Outcome(Map.of(), null, List.of("the checks could not run: " + e.getMessage()));
        }
        var status = outcome.problems().isEmpty() ? Proposal.Status.READY : Proposal.Status.REFUSED;
        proposals.checked(id, status, outcome.checks(), outcome.report(), outcome.problems());
        audit.record("beacon", "CHANGE_CHECKED", "proposal/" + id, null, status == Proposal.Status.READY ? "ACCEPTED" : "REFUSED",
                status == Proposal.Status.READY ? summary(outcome.report()) : String.join("; ", outcome.problems()));
    }

    /** Proposals left being checked when the console stopped are checked again. */
    public void resumeChecks() {
        proposals.list(true, 100).stream().filter(p -> p.status() == Proposal.Status.CHECKING).forEach(p -> checking.submit(() -> check(p.id())));
    }

    /**
     * Four eyes: only a person with the approver role who is not its author, only a proposal whose checks passed, only
     * while the release it was checked against is still live. It goes live as the next release.
     */
    public Result approve(Authentication user, String id) {
        var proposal = proposals.find(id);
        if (proposal.isEmpty()) {
            return refused(user.getName(), "approve", "proposal/" + id, new NotFound("no proposal " + id));
        }
        var p = proposal.get();
        if (!CustomerAccess.has(user, ConsoleRole.APPROVER)) {
            return refused(user.getName(), "approve", "proposal/" + id, new Forbidden("approving a change needs the APPROVER role"));
        }
        if (p.author().equals(user.getName())) {
            return refused(user.getName(), "approve", "proposal/" + id, new Forbidden("you proposed " + id
                    + ": a second person with the approver role must approve it (four eyes)"));
        }
        if (p.status() != Proposal.Status.READY) {
            return refused(user.getName(), "approve", "proposal/" + id, new Conflict(id + " is " + p.status()
                    + (p.status() == Proposal.Status.CHECKING ? ": its checks are still running" : ": only a checked, open proposal can be approved")));
        }
        var live = releases.live().orElseThrow();
        if (live.number() != p.base()) {
            proposals.decide(id, Proposal.Status.READY, Proposal.Status.SUPERSEDED, user.getName(),
                    "release " + live.number() + " went live after it was checked against release " + p.base(), null, Instant.now(clock));
            return refused(user.getName(), "approve", "proposal/" + id, new Conflict(id + " is no longer current: it was checked against release "
                    + p.base() + ", and release " + live.number() + " is live now. Propose the change again on top of it."));
        }
        var files = apply(live.files(), p.changes());
        var release = new LiveRelease(live.number() + 1, LiveRelease.Kind.PROPOSAL, LiveRelease.hash(files), files, p.author(), user.getName(),
                Instant.now(clock), id, null);
        try {
            releases.publish(release);
        } catch (Releases.NotPublished e) {
            return refused(user.getName(), "approve", "proposal/" + id, new Unavailable(e.getMessage()));
        }
        proposals.decide(id, Proposal.Status.READY, Proposal.Status.LIVE, user.getName(), null, release.number(), release.at());
        audit.record(user.getName(), "CHANGE_APPROVED", "proposal/" + id, null, "ACCEPTED",
                "release " + release.number() + " live (" + release.hash() + "), proposed by " + p.author());
        return new Done(id + " is live as release " + release.number(), proposals.find(id).orElse(p));
    }

    /** An approver says no, with a reason. */
    public Result reject(Authentication user, String id, String reason) {
        var proposal = proposals.find(id);
        if (proposal.isEmpty()) {
            return refused(user.getName(), "reject", "proposal/" + id, new NotFound("no proposal " + id));
        }
        if (!CustomerAccess.has(user, ConsoleRole.APPROVER)) {
            return refused(user.getName(), "reject", "proposal/" + id, new Forbidden("rejecting a change needs the APPROVER role"));
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            return refused(user.getName(), "reject", "proposal/" + id, new Invalid("reason: required, at most 500 characters"));
        }
        var p = proposal.get();
        if (!p.status().open() || !proposals.decide(id, p.status(), Proposal.Status.REJECTED, user.getName(), reason.strip(), null, Instant.now(clock))) {
            return refused(user.getName(), "reject", "proposal/" + id, new Conflict(id + " is " + p.status() + ": it can no longer be rejected"));
        }
        audit.record(user.getName(), "CHANGE_REJECTED", "proposal/" + id, null, "ACCEPTED", reason.strip());
        return new Done(id + " rejected", proposals.find(id).orElse(p));
    }

    /** Its author takes it back. */
    public Result withdraw(Authentication user, String id) {
        var proposal = proposals.find(id);
        if (proposal.isEmpty() || !proposal.get().author().equals(user.getName())) {
            return refused(user.getName(), "withdraw", "proposal/" + id, new NotFound("no proposal " + id + " of yours"));
        }
        var p = proposal.get();
        if (!p.status().open() || !proposals.decide(id, p.status(), Proposal.Status.WITHDRAWN, user.getName(), null, null, Instant.now(clock))) {
            return refused(user.getName(), "withdraw", "proposal/" + id, new Conflict(id + " is " + p.status() + ": it can no longer be withdrawn"));
        }
        audit.record(user.getName(), "CHANGE_WITHDRAWN", "proposal/" + id, null, "ACCEPTED", null);
        return new Done(id + " withdrawn", proposals.find(id).orElse(p));
    }

    /**
     * Brings back the files of the release before the live one, as a new release (an approver, one action: undoing an
     * approved change needs no second approval, and is audited as the approval was).
     *
     * @param expectedLive the release the person saw live: a rollback of another one is refused
     */
    public Result rollback(Authentication user, long expectedLive) {
        if (!CustomerAccess.has(user, ConsoleRole.APPROVER)) {
            return refused(user.getName(), "rollback", "releases", new Forbidden("rolling back needs the APPROVER role"));
        }
        var live = releases.live().orElse(null);
        if (live == null || live.number() != expectedLive) {
            return refused(user.getName(), "rollback", "releases", new Conflict("release " + expectedLive + " is not live any more"
                    + (live == null ? "" : " (release " + live.number() + " is): look again")));
        }
        var previous = releases.find(live.number() - 1).orElse(null);
        if (previous == null) {
            return refused(user.getName(), "rollback", "releases", new Conflict("release " + live.number() + " is the first: there is none to go back to"));
        }
        var release = new LiveRelease(live.number() + 1, LiveRelease.Kind.ROLLBACK, previous.hash(), previous.files(), user.getName(),
                user.getName(), Instant.now(clock), null, previous.number());
        try {
            releases.publish(release);
        } catch (Releases.NotPublished e) {
            return refused(user.getName(), "rollback", "releases", new Unavailable(e.getMessage()));
        }
        audit.record(user.getName(), "CHANGE_ROLLED_BACK", "release/" + release.number(), null, "ACCEPTED",
                "release " + live.number() + " rolled back: release " + release.number() + " restores the files of release " + previous.number());
        return new Done("release " + live.number() + " rolled back: release " + release.number() + " brings back release " + previous.number(), null);
    }

    public Optional<Proposal> find(String id) {
        return proposals.find(id);
    }

    public List<Proposal> list(int limit) {
        return proposals.list(false, limit);
    }

    public List<Releases.Summary> history(int limit) {
        return releases.history(limit);
    }

    static Map<String, String> apply(Map<String, String> files, Map<String, String> changes) {
        var result = new TreeMap<>(files);
        changes.forEach((path, text) -> {
            if (text == null) {
                result.remove(path);
            } else {
                result.put(path, text);
            }
        });
        return result;
    }

    static List<Proposal.FileDiff> diff(Map<String, String> live, Map<String, String> changes) {
        var diffs = new ArrayList<Proposal.FileDiff>();
        new TreeMap<>(changes).forEach((path, text) -> {
            String before = live.get(path);
            List<String> original = before == null ? List.of() : before.lines().toList();
            List<String> revised = text == null ? List.of() : text.lines().toList();
            var patch = DiffUtils.diff(original, revised);
            String unified = String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(before == null ? "/dev/null" : "a/" + path,
                    text == null ? "/dev/null" : "b/" + path, original, patch, 3));
            diffs.add(new Proposal.FileDiff(path, before == null ? "added" : text == null ? "deleted" : "modified", unified));
        });
        return diffs;
    }

    private static String summary(Map<String, Object> report) {
        if (report == null || !(report.get("report") instanceof Map<?, ?> r)) {
            return null;
        }
        return "replayed " + r.get("events") + " events: " + r.get("changedEvents") + " decided differently, " + r.get("changedCustomers") + " customers";
    }

    private String newId() {
        byte[] random = new byte[3];
        new java.security.SecureRandom().nextBytes(random);
        return "P-" + java.time.format.DateTimeFormatter.ofPattern("yyMMdd").withZone(java.time.ZoneOffset.UTC).format(Instant.now(clock))
                + "-" + HexFormat.of().formatHex(random);
    }

    private Result refused(String actor, String act, String target, Result result) {
        String kind = switch (result) {
            case Invalid i -> "INVALID";
            case NotFound n -> "NOT_FOUND";
            case Forbidden f -> "FORBIDDEN";
            case Conflict c -> "CONFLICT";
            case Unavailable u -> "UNAVAILABLE";
            case Done d -> "ACCEPTED";
        };
        audit.record(actor, "CHANGE_" + act.toUpperCase(java.util.Locale.ROOT), target, null, kind, result.message());
        return result;
    }
}
