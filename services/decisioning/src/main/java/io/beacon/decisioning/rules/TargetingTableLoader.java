package io.beacon.decisioning.rules;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;
import org.kie.api.io.Resource;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNMessageType;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.api.marshalling.DMNMarshaller;
import org.kie.dmn.backend.marshalling.v1x.DMNMarshallerFactory;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.dmn.model.api.Decision;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.Definitions;
import org.kie.dmn.model.api.HitPolicy;
import org.kie.dmn.model.api.InputData;
import org.kie.dmn.validation.DMNValidator;
import org.kie.dmn.validation.DMNValidatorFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Loads the targeting tables of a rules version (every DMN file under rules/triggers/): each file is read with Drools'
 * DMN marshaller, checked against the DMN 1.3 schema and against what a targeting table may be (only decision tables
 * and their input data, inputs from {@link TargetingInput}, outputs {@code trigger} and {@code offer}, literals of the
 * column's type, products of the catalogue), then by Drools' own validator (table analysis included) and compiled. A
 * problem names the file, the line of the row (or of the table), the table, the row and the reason.
 */
final class TargetingTableLoader {

    static final Set<HitPolicy> HIT_POLICIES = Set.of(HitPolicy.UNIQUE, HitPolicy.FIRST, HitPolicy.ANY, HitPolicy.PRIORITY, HitPolicy.COLLECT);
    static final String PERSONALISED_MARK = "@personalised";
    static final String DMN_13 = "https://www.omg.org/spec/DMN/20191111/MODEL/";
    private static final Pattern STRING_LITERAL = Pattern.compile("^\"([^\"]*)\"$");
    private static final Pattern LITERALS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|(?<!\\w)-?\\d+(?:\\.\\d+)?(?!\\w)|\\b(?:true|false)\\b");
    private static final Pattern OVERLAP_ROWS = Pattern.compile("rules: \\[([0-9, ]+)]");

    private TargetingTableLoader() {
    }

    private static final Object VALIDATING = new Object();
    private static DMNValidator validator;

    /** Drools' DMN validator compiles its own rules when made (about a second): made once, used by one load at a time. */
    private static DMNValidator validator() {
        if (validator == null) {
            validator = DMNValidatorFactory.newValidator();
        }
        return validator;
    }

    /**
     * Loads every table of the given files; a problem is added to {@code problems} with the file, the line of the row
     * (or of the table), the table (decision name), the row and the reason. Returns null when there were problems.
     *
     * @param files relative name → content
     */
    static TargetingTables load(Map<String, byte[]> files, Map<String, Product> catalogue, boolean catalogueKnown, List<RuleProblem> problems) {
        if (files.isEmpty()) {
            return TargetingTables.none();
        }
        int before = problems.size();
        DMNMarshaller marshaller = DMNMarshallerFactory.newDefaultMarshaller();
        List<Resource> resources = new ArrayList<>();
        Map<String, Located> located = new LinkedHashMap<>();
        Map<String, String> fileOfModel = new HashMap<>();
        Map<String, String> fileOfDecision = new HashMap<>();
        Set<String> inputsUsed = new LinkedHashSet<>();
        List<Pending> pending = new ArrayList<>();
        synchronized (VALIDATING) {
            for (var entry : files.entrySet()) {
                String file = entry.getKey();
                String text = new String(entry.getValue(), StandardCharsets.UTF_8);
                var lines = new Lines(file, text);
                Definitions definitions;
                try {
                    definitions = marshaller.unmarshal(new StringReader(text));
                } catch (RuntimeException e) {
                    problems.add(new RuleProblem(file, lineIn(e), null, "not a DMN file Drools can read: " + firstLine(e)));
                    continue;
                }
                if (definitions == null) {
                    problems.add(new RuleProblem(file, 0, null, "not a DMN file Drools can read"));
                    continue;
                }
                // The schema first: Camunda Modeler writes valid DMN 1.3; a hand edit that breaks it is named here.
                var schema = validator().validateUsing(DMNValidator.Validation.VALIDATE_SCHEMA).theseModels(new StringReader(text));
                boolean schemaOk = true;
                for (DMNMessage m : schema) {
                    if (m.getSeverity() == DMNMessage.Severity.ERROR && m.getMessageType() != org.kie.dmn.api.core.DMNMessageType.FAILED_VALIDATION) {
                        problems.add(new RuleProblem(file, 0, null, m.getText()));
                        schemaOk = false;
                    }
                }
                if (!schemaOk) {
                    continue;
                }
                String modelKey = definitions.getNamespace() + "#" + definitions.getName();
                if (fileOfModel.putIfAbsent(modelKey, file) != null) {
                    problems.add(new RuleProblem(file, lines.lineOf(definitions.getId()), null, "its definitions are named '" + definitions.getName()
                            + "' in namespace " + definitions.getNamespace() + " as in " + fileOfModel.get(modelKey)
                            + ": give each file its own name (Camunda Modeler: the diagram's Name)"));
                    continue;
                }
                int problemsOfFile = problems.size();
                List<Decision> decisions = new ArrayList<>();
                for (var element : definitions.getDrgElement()) {
                    if (element instanceof InputData input) {
                        checkInput(file, lines, input, problems);
                        inputsUsed.add(input.getName());
                        if (input.getVariable() == null) {
                            input.setVariable(variable(input, input.getName(), TargetingInput.of(input.getName()).map(TargetingInput::typeRef).orElse(null)));
                        }
                    } else if (element instanceof Decision decision) {
                        decisions.add(decision);
                    } else {
                        problems.add(new RuleProblem(file, lines.lineOf(element.getId()), null, "'" + element.getName()
                                + "': a targeting file holds only decision tables and their input data"));
                    }
                }
                for (Decision decision : decisions) {
                    String owner = fileOfDecision.putIfAbsent(decision.getName(), file);
                    if (owner != null) {
                        problems.add(new RuleProblem(file, lines.lineOf(decision.getId()), null, "table " + decision.getName()
                                + ": a table of that name is already in " + owner + " (rows are reported by table name)"));
                        continue;
                    }
                    if (!(decision.getExpression() instanceof DecisionTable table)) {
                        problems.add(new RuleProblem(file, lines.lineOf(decision.getId()), null, "table " + decision.getName()
                                + ": a targeting decision must be a decision table"));
                        continue;
                    }
                    if (decision.getVariable() == null) {
                        // Camunda Modeler leaves a decision table's variable out; Drools' compiler requires it (DMN 1.3 says
                        // it is named as the decision), so it is added here, in memory only.
                        decision.setVariable(variable(decision, decision.getName(), null));
                    }
                    checkTable(file, lines, decision, table, catalogue, catalogueKnown, problems);
                    pending.add(new Pending(file, lines, definitions, decision, table));
                    index(located, file, lines, decision, table);
                }
                if (problems.size() > problemsOfFile) {
                    continue;
                }
                String fixed = marshaller.marshal(definitions);
                Resource resource = ResourceFactory.newByteArrayResource(fixed.getBytes(StandardCharsets.UTF_8));
                resource.setSourcePath(file);
                resources.add(resource);
                // Drools' own checks, table analysis included: overlapping rows under UNIQUE, FEEL that does not compile.
                var validation = validator().validateUsing(DMNValidator.Validation.VALIDATE_MODEL, DMNValidator.Validation.VALIDATE_COMPILATION,
                        DMNValidator.Validation.ANALYZE_DECISION_TABLE).theseModels(new StringReader(fixed));
                report(file, lines, validation, located, problems);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        var built = DMNRuntimeBuilder.fromDefaults().buildConfiguration().fromResources(resources);
        if (built.isLeft()) {
            problems.add(new RuleProblem(pending.isEmpty() ? "?" : pending.get(0).file(), 0, null,
                    "the DMN files do not compile: " + built.cata(Throwable::getMessage, r -> "")));
            return null;
        }
        DMNRuntime runtime = built.getOrElseThrow(IllegalStateException::new);
        Map<String, String> fileOfNamespaceAndName = new HashMap<>(fileOfModel);
        for (DMNModel model : runtime.getModels()) {
            String file = fileOfNamespaceAndName.get(model.getNamespace() + "#" + model.getName());
            Lines lines = pending.stream().filter(p -> p.file().equals(file)).map(Pending::lines).findFirst().orElse(new Lines(file, ""));
            report(file, lines, model.getMessages(DMNMessage.Severity.ERROR), located, problems);
        }
        if (problems.size() > before) {
            return null;
        }
        List<TargetingTables.Table> tables = new ArrayList<>();
        for (Pending p : pending) {
            DMNModel model = runtime.getModel(p.definitions().getNamespace(), p.definitions().getName());
            tables.add(new TargetingTables.Table(p.file() + "#" + p.decision().getName(), model, p.decision().getName(), eventTypes(p.table()),
                    personalised(p.decision()), p.table().getRule().stream().map(DecisionRule::getId).toList(), guards(p.table())));
        }
        return new TargetingTables(runtime, tables, inputsUsed);
    }

    private record Pending(String file, Lines lines, Definitions definitions, Decision decision, DecisionTable table) {
    }

    /** Where an element id of a table is: its table and, inside a row, the row number (1-based) or a column. */
    private record Located(String table, int row, String column) {
    }

    private static void index(Map<String, Located> located, String file, Lines lines, Decision decision, DecisionTable table) {
        String name = decision.getName();
        located.put(file + "|" + decision.getId(), new Located(name, 0, null));
        located.put(file + "|" + table.getId(), new Located(name, 0, null));
        for (int c = 0; c < table.getInput().size(); c++) {
            var input = table.getInput().get(c);
            String column = "column " + (c + 1) + " (" + columnName(input) + ")";
            located.put(file + "|" + input.getId(), new Located(name, 0, column));
            if (input.getInputExpression() != null) {
                located.put(file + "|" + input.getInputExpression().getId(), new Located(name, 0, column));
            }
        }
        for (int r = 0; r < table.getRule().size(); r++) {
            var rule = table.getRule().get(r);
            located.put(file + "|" + rule.getId(), new Located(name, r + 1, null));
            for (int c = 0; c < rule.getInputEntry().size(); c++) {
                located.put(file + "|" + rule.getInputEntry().get(c).getId(), new Located(name, r + 1,
                        c < table.getInput().size() ? "column " + (c + 1) + " (" + columnName(table.getInput().get(c)) + ")" : null));
            }
            for (int c = 0; c < rule.getOutputEntry().size(); c++) {
                located.put(file + "|" + rule.getOutputEntry().get(c).getId(), new Located(name, r + 1,
                        c < table.getOutput().size() ? "output " + table.getOutput().get(c).getName() : null));
            }
        }
    }

    private static String columnName(org.kie.dmn.model.api.InputClause input) {
        return input.getLabel() != null ? input.getLabel() : input.getInputExpression() == null ? "?" : input.getInputExpression().getText();
    }

    private static void report(String file, Lines lines, List<DMNMessage> messages, Map<String, Located> located, List<RuleProblem> problems) {
        // Overlapping rows under UNIQUE come with a recommendation of another hit policy: the overlap names the rows.
        boolean overlap = messages.stream().anyMatch(m -> m.getMessageType() == DMNMessageType.DECISION_TABLE_OVERLAP_HITPOLICY_UNIQUE);
        for (DMNMessage m : messages) {
            if (m.getSeverity() != DMNMessage.Severity.ERROR
                    || overlap && m.getMessageType() == DMNMessageType.DECISION_TABLE_HITPOLICY_RECOMMENDER) {
                continue;
            }
            String text = (m.getMessage() == null ? m.getText() : m.getMessage()).strip();
            Located where = m.getSourceId() == null ? null : located.get(file + "|" + m.getSourceId());
            String place;
            int line = m.getSourceId() == null ? 0 : lines.lineOf(m.getSourceId());
            if (where == null) {
                place = "";
            } else {
                StringBuilder p = new StringBuilder("table ").append(where.table());
                Matcher rows = OVERLAP_ROWS.matcher(text);
                if (where.row() > 0) {
                    p.append(" row ").append(where.row());
                } else if (rows.find()) {
                    p.append(" rows ").append(rows.group(1).replace(" ", ""));
                }
                if (where.column() != null) {
                    p.append(" ").append(where.column());
                }
                place = p.append(": ").toString();
            }
            var problem = new RuleProblem(file, line, null, place + text);
            if (!problems.contains(problem)) {
                problems.add(problem);
            }
        }
    }

    /** An inputData must be one of {@link TargetingInput}, with its type when it declares one. */
    private static void checkInput(String file, Lines lines, InputData input, List<RuleProblem> problems) {
        var known = TargetingInput.of(input.getName());
        if (known.isEmpty()) {
            problems.add(new RuleProblem(file, lines.lineOf(input.getId()), null, "unknown input '" + input.getName()
                    + "': a table may use " + java.util.Arrays.stream(TargetingInput.values()).map(TargetingInput::variable).toList()
                    + " (rules/README.md, Targeting tables)"));
            return;
        }
        QName declared = input.getVariable() == null ? null : input.getVariable().getTypeRef();
        String expected = known.get().typeRef();
        if (declared != null && !declared.getLocalPart().equals(expected == null ? "Any" : expected)) {
            problems.add(new RuleProblem(file, lines.lineOf(input.getId()), null, "input '" + input.getName() + "' is declared "
                    + declared.getLocalPart() + ", but it is " + (expected == null ? "a list (declare no type)" : expected)));
        }
    }

    private static void checkTable(String file, Lines lines, Decision decision, DecisionTable table, Map<String, Product> catalogue,
                                   boolean catalogueKnown, List<RuleProblem> problems) {
        String name = decision.getName();
        int tableLine = lines.lineOf(decision.getId());
        if (!HIT_POLICIES.contains(table.getHitPolicy()) || table.getAggregation() != null) {
            problems.add(new RuleProblem(file, tableLine, null, "table " + name + ": hit policy " + table.getHitPolicy()
                    + (table.getAggregation() != null ? " with aggregation " + table.getAggregation() : "")
                    + " cannot raise triggers: use UNIQUE, FIRST, ANY, PRIORITY or COLLECT without aggregation"));
        }
        var outputs = table.getOutput().stream().map(o -> o.getName()).toList();
        if (!outputs.equals(List.of(TargetingTables.TRIGGER, TargetingTables.OFFER))) {
            problems.add(new RuleProblem(file, tableLine, null, "table " + name + ": its outputs must be named " + TargetingTables.TRIGGER + " and "
                    + TargetingTables.OFFER + " (in that order), not " + outputs));
            return;
        }
        for (int c = 0; c < table.getInput().size(); c++) {
            var input = table.getInput().get(c);
            if (input.getInputExpression() == null || input.getInputExpression().getText() == null || input.getInputExpression().getText().isBlank()) {
                problems.add(new RuleProblem(file, lines.lineOf(input.getId()), null, "table " + name + " column " + (c + 1) + ": no input expression"));
            }
        }
        for (int r = 0; r < table.getRule().size(); r++) {
            DecisionRule rule = table.getRule().get(r);
            String row = "table " + name + " row " + (r + 1);
            int line = lines.lineOf(rule.getId());
            for (int c = 0; c < rule.getInputEntry().size() && c < table.getInput().size(); c++) {
                var expression = table.getInput().get(c).getInputExpression();
                QName type = expression == null ? null : expression.getTypeRef();
                String mismatch = mismatch(rule.getInputEntry().get(c).getText(), type == null ? null : type.getLocalPart());
                if (mismatch != null) {
                    problems.add(new RuleProblem(file, line, null, row + " column " + (c + 1) + " (" + columnName(table.getInput().get(c))
                            + "): type mismatch: " + mismatch));
                }
            }
            if (rule.getOutputEntry().size() != 2) {
                continue;
            }
            String trigger = rule.getOutputEntry().get(0).getText();
            if (trigger == null || !STRING_LITERAL.matcher(trigger.strip()).matches() || trigger.strip().length() < 3) {
                problems.add(new RuleProblem(file, line, null, row + ": the trigger must be a name in quotes, e.g. \"LargeDeposit\", not " + trigger));
            }
            String offer = rule.getOutputEntry().get(1).getText();
            Matcher code = offer == null ? null : STRING_LITERAL.matcher(offer.strip());
            if (code == null || !code.matches()) {
                problems.add(new RuleProblem(file, line, null, row + ": the offer must be a product code in quotes, e.g. \"EASY_SAVER\", not " + offer));
            } else if (catalogueKnown && !catalogue.containsKey(code.group(1))) {
                problems.add(new RuleProblem(file, line, null, row + ": unknown product " + code.group(1) + ": not in " + RuleBase.CATALOGUE));
            }
        }
    }

    /**
     * A literal in an input entry of another type than its column's: a number compared with a text column, a text with
     * a number column, anything but true/false in a boolean column. Drools would compile it and the row would never
     * match (its table analysis only skips it), so the load refuses it. Names (other inputs) are not judged here.
     */
    static String mismatch(String entry, String typeRef) {
        if (entry == null || typeRef == null) {
            return null;
        }
        Matcher m = LITERALS.matcher(entry);
        while (m.find()) {
            String literal = m.group();
            String kind = literal.startsWith("\"") ? "string" : literal.equals("true") || literal.equals("false") ? "boolean" : "number";
            if (!kind.equals(typeRef) && List.of("string", "number", "boolean").contains(typeRef)) {
                return "the column is " + typeRef + ", the entry '" + entry.strip() + "' compares it with the " + kind + " " + literal;
            }
        }
        return null;
    }

    private static final Pattern LITERAL_LIST = Pattern.compile("^\"[^\"]*\"(\\s*,\\s*\"[^\"]*\")*$");
    private static final Pattern NOT_NULL_OR_OTHER = Pattern.compile("^not\\(\\s*null\\s*,\\s*([A-Za-z]+)\\s*\\)$");
    private static final Pattern NOT_LITERAL_LIST = Pattern.compile("^not\\(\\s*(\"[^\"]*\"(\\s*,\\s*\"[^\"]*\")*)\\s*\\)$");

    /** Per row, the guards of its text columns that are a bare input ({@code category}) and cells of literals. */
    private static List<List<TargetingTables.Guard>> guards(DecisionTable table) {
        List<TargetingInput> columns = new ArrayList<>();
        for (var input : table.getInput()) {
            var e = input.getInputExpression();
            var known = e == null || e.getText() == null ? java.util.Optional.<TargetingInput>empty() : TargetingInput.of(e.getText().strip());
            columns.add(known.filter(k -> "string".equals(k.typeRef())).orElse(null));
        }
        List<List<TargetingTables.Guard>> rows = new ArrayList<>();
        for (DecisionRule rule : table.getRule()) {
            List<TargetingTables.Guard> guards = new ArrayList<>();
            for (int c = 0; c < columns.size() && c < rule.getInputEntry().size(); c++) {
                String entry = rule.getInputEntry().get(c).getText() == null ? "-" : rule.getInputEntry().get(c).getText().strip();
                if (columns.get(c) == null) {
                    continue;
                }
                Matcher not = NOT_LITERAL_LIST.matcher(entry);
                Matcher notOther = NOT_NULL_OR_OTHER.matcher(entry);
                if (LITERAL_LIST.matcher(entry).matches()) {
                    guards.add(new TargetingTables.Guard(columns.get(c), literals(entry), false, null));
                } else if (not.matches()) {
                    guards.add(new TargetingTables.Guard(columns.get(c), literals(not.group(1)), true, null));
                } else if (notOther.matches()) {
                    var other = TargetingInput.of(notOther.group(1)).filter(k -> "string".equals(k.typeRef()));
                    if (other.isPresent()) {
                        guards.add(new TargetingTables.Guard(columns.get(c), Set.of(), true, other.get()));
                    }
                }
            }
            rows.add(List.copyOf(guards));
        }
        return rows;
    }

    private static Set<String> literals(String list) {
        Set<String> values = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(list);
        while (m.find()) {
            values.add(m.group(1));
        }
        return Set.copyOf(values);
    }

    /** The event types a table's rows can match: the string literals of its eventType column; empty (any) when a row has another test. */
    private static Set<String> eventTypes(DecisionTable table) {
        int column = -1;
        for (int c = 0; c < table.getInput().size(); c++) {
            var e = table.getInput().get(c).getInputExpression();
            if (e != null && TargetingInput.EVENT_TYPE.variable().equals(e.getText() == null ? null : e.getText().strip())) {
                column = c;
            }
        }
        if (column < 0) {
            return Set.of();
        }
        Set<String> types = new LinkedHashSet<>();
        for (DecisionRule rule : table.getRule()) {
            String entry = rule.getInputEntry().get(column).getText().strip();
            for (String part : entry.split(",")) {
                Matcher m = STRING_LITERAL.matcher(part.strip());
                if (!m.matches()) {
                    return Set.of();
                }
                types.add(m.group(1));
            }
        }
        return types;
    }

    /**
     * Personalised: a table that requires any customer input, or whose description (Camunda Modeler: the decision's
     * "Element documentation") says {@code @personalised}, as a table that reads only the event but infers something
     * about the customer must.
     */
    private static boolean personalised(Decision decision) {
        if (decision.getDescription() != null && decision.getDescription().contains(PERSONALISED_MARK)) {
            return true;
        }
        return decision.getInformationRequirement().stream()
                .map(r -> r.getRequiredInput() == null ? null : r.getRequiredInput().getHref())
                .filter(java.util.Objects::nonNull)
                .anyMatch(href -> required(decision, href).map(TargetingInput::customer).orElse(true));
    }

    private static java.util.Optional<TargetingInput> required(Decision decision, String href) {
        var definitions = (Definitions) decision.getParent();
        String id = href.startsWith("#") ? href.substring(1) : href;
        return definitions.getDrgElement().stream().filter(e -> e instanceof InputData && id.equals(e.getId()))
                .findFirst().flatMap(e -> TargetingInput.of(e.getName()));
    }

    private static org.kie.dmn.model.api.InformationItem variable(org.kie.dmn.model.api.DMNModelInstrumentedBase parent, String name, String typeRef) {
        var item = new org.kie.dmn.model.v1_3.TInformationItem();
        item.setName(name);
        item.setParent(parent);
        if (typeRef != null) {
            item.setTypeRef(new QName(typeRef));
        }
        return item;
    }

    private static int lineIn(Throwable e) {
        Matcher m = Pattern.compile("line number\\s*:\\s*(\\d+)").matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).strip();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Lines of an element by its id ({@code id="..."}) in the file as written. */
    private record Lines(String file, String text) {
        int lineOf(String id) {
            if (id == null) {
                return 0;
            }
            int at = text.indexOf("id=\"" + id + "\"");
            if (at < 0) {
                return 0;
            }
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }
}
