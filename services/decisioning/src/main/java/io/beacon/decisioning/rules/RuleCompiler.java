package io.beacon.decisioning.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.drools.drl.extensions.DecisionTableFactory;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.DecisionTableInputType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.io.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One compile of every DRL file and CSV decision table of a version: a KnowledgeBuilder, no KieModule or KieContainer
 * around it. Each step's KieBase is then assembled from the compiled packages of that step alone
 * ({@link CompiledRules}), so nothing is compiled twice.
 */
final class RuleCompiler {

    private static final Logger log = LoggerFactory.getLogger(RuleCompiler.class);

    private static final Object COMPILING = new Object();

    /**
     * The facts and the global as rules named them before they moved to this package: {@code io.beacon.decisioning.X}.
     * A rule file that still names them so (a live release or a proposal written before) is read with today's names.
     */
    private static final Pattern FORMER_NAMES = Pattern.compile("\\bio\\.beacon\\.decisioning\\."
            + "(EventFact|CustomerFact|Product|Today|Candidate|Decisions|PastRejection|RunningJourney|CoolingOffPeriod)\\b");

    private final KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
    private final CompositeKnowledgeBuilder batch = builder.batch();

    /** A DRL file, or a CSV decision table ({@code *.drl.csv}), named by its path in the rules folder. */
    void add(String name, byte[] content) {
        var resource = ResourceFactory.newByteArrayResource(withTodaysNames(name, content));
        resource.setSourcePath(name);
        if (name.endsWith(".drl.csv")) {
            var table = KnowledgeBuilderFactory.newDecisionTableConfiguration();
            table.setInputType(DecisionTableInputType.CSV);
            batch.add(resource, ResourceType.DTABLE, table);
        } else {
            batch.add(resource, ResourceType.DRL);
        }
    }

    /**
     * The file with the facts named by their package of today, on the same lines (the file's own bytes are what the
     * version hashes). Read byte for byte (ISO-8859-1), so a file in any ASCII-compatible encoding keeps its other bytes.
     */
    static byte[] withTodaysNames(String name, byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        var former = FORMER_NAMES.matcher(text);
        if (!former.find()) {
            return content;
        }
        log.info("{} names the rules' facts by their former package io.beacon.decisioning: read as io.beacon.decisioning.rules "
                + "(update its imports)", name);
        return former.replaceAll("io.beacon.decisioning.rules.$1").getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Drools keeps the DRL it generated from a decision table in a JVM-wide cache keyed by the table's file name, so a
     * reload of a changed (or broken) table would compile the old one: the cache is emptied around each compile, which
     * is what Drools' own KieBuilder does, and one load compiles at a time.
     */
    void compile() {
        synchronized (COMPILING) {
            DecisionTableFactory.clearCompilerCache();
            try {
                batch.build();
            } finally {
                DecisionTableFactory.clearCompilerCache();
            }
        }
    }

    /** What did not compile: file, line and Drools' reason. */
    List<RuleProblem> errors() {
        List<RuleProblem> problems = new ArrayList<>();
        for (KnowledgeBuilderResult error : builder.getResults(ResultSeverity.ERROR)) {
            String path = error.getResource() == null || error.getResource().getSourcePath() == null ? "?" : error.getResource().getSourcePath();
            int line = error.getLines() == null || error.getLines().length == 0 ? 0 : error.getLines()[0];
            problems.add(new RuleProblem(path, line, null, error.getMessage().strip()));
        }
        return problems;
    }

    /** The compiled packages, once {@link #compile()} found no error. */
    Iterable<KiePackage> packages() {
        return builder.getKnowledgePackages();
    }
}
