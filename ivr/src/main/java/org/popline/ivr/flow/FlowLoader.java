package org.popline.ivr.flow;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Loads a flow file and validates all of it before anything runs it: shape, activity types and
 * settings, expressions, links, reachability and variables. It either returns a flow that is safe
 * to run or throws one {@link FlowException} listing every problem found.
 */
public final class FlowLoader {
    private final ActivityTypes types;
    private final ExpressionChecker expressions;
    private final List<FlowFormat> formats;
    /** The configured business-hours schedules; empty: not known here (a flow file checked alone), not checked. */
    private final Optional<ScheduleCheck> schedules;
    /** Duplicate keys would silently drop an activity or a setting, so they are errors. */
    private final YAMLMapper yaml = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    public FlowLoader(ActivityTypes types, ExpressionChecker expressions) {
        this(types, expressions, List.of());
    }

    /** A loader that also reads the given formats, each translated into the YAML model first. */
    public FlowLoader(ActivityTypes types, ExpressionChecker expressions, List<FlowFormat> formats) {
        this(types, expressions, formats, Optional.empty());
    }

    private FlowLoader(ActivityTypes types, ExpressionChecker expressions, List<FlowFormat> formats,
            Optional<ScheduleCheck> schedules) {
        this.types = types;
        this.expressions = expressions;
        this.formats = List.copyOf(formats);
        this.schedules = schedules;
    }

    /** This loader also refusing business-hours activities that name none of {@code schedules}. */
    public FlowLoader knowingSchedules(Set<String> schedules) {
        return new FlowLoader(types, expressions, formats, Optional.of(new ScheduleCheck(schedules)));
    }

    public Flow load(Path file) throws FlowException {
        String where = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new FlowException(List.of(where + ": cannot read: " + e.getMessage()));
        }
        return parse(where, text);
    }

    /**
     * Validates flow text; {@code where} names its source in every problem, and its name picks the
     * format (YAML unless one of the loader's formats reads it).
     */
    public Flow parse(String where, String text) throws FlowException {
        for (FlowFormat format : formats) {
            if (format.reads(where)) {
                return read(where, format.translate(where, text));
            }
        }
        return read(where, tree(where, text));
    }

    /** Validates a flow already parsed into the YAML model's tree. */
    public Flow read(String where, JsonNode tree) throws FlowException {
        Problems problems = new Problems(where);
        Flow flow = new FlowReader(types, expressions, problems).read(tree);
        new GraphCheck(types, problems).check(flow);
        new VariableCheck(types, expressions, problems).check(flow);
        schedules.ifPresent(check -> check.check(flow, problems));
        problems.throwIfAny();
        return flow;
    }

    private JsonNode tree(String where, String text) throws FlowException {
        try {
            JsonNode root = yaml.readTree(text);
            return root == null ? MissingNode.getInstance() : root;
        } catch (JsonProcessingException e) {
            throw new FlowException(List.of(where + ": " + syntaxError(e)));
        }
    }

    /** SnakeYAML knows the line and the words for the actual problem; Jackson's own errors carry a location. */
    private static String syntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yamlError && yamlError.getProblemMark() != null) {
            return "line " + (yamlError.getProblemMark().getLine() + 1) + ": YAML syntax: " + yamlError.getProblem();
        }
        JsonLocation at = e.getLocation();
        String line = at == null ? "" : "line " + at.getLineNr() + ": ";
        return line + "YAML syntax: " + e.getOriginalMessage().lines().findFirst().orElse("").trim();
    }
}
