package org.popline.ivr.template;

import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.node.Node;
import io.pebbletemplates.pebble.node.SetNode;
import io.pebbletemplates.pebble.node.expression.ArrayExpression;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.node.expression.ContextVariableExpression;
import io.pebbletemplates.pebble.node.expression.FilterInvocationExpression;
import io.pebbletemplates.pebble.node.expression.FunctionOrMacroInvocationExpression;
import io.pebbletemplates.pebble.node.expression.GetAttributeExpression;
import io.pebbletemplates.pebble.node.expression.MapExpression;
import io.pebbletemplates.pebble.node.expression.TernaryExpression;
import io.pebbletemplates.pebble.node.expression.UnaryExpression;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names a parsed template refers to, found by walking its syntax tree.
 *
 * <p>Pebble looks filters and functions up only when it evaluates them, so a misspelt filter would
 * otherwise surface on a live call; walking the tree lets {@link Templates#compile} reject it at load.
 * Pebble's own visitor stops at expressions (it hands them to {@link #visit(Node)}), so the
 * expression kinds are descended here.
 */
final class References extends AbstractNodeVisitor {

    private final Set<String> variables = new TreeSet<>();
    private final Set<String> bound = new TreeSet<>();
    private final Set<String> filters = new TreeSet<>();
    private final Set<String> functions = new TreeSet<>();

    private References(PebbleTemplateImpl template) {
        super(template);
    }

    static References of(PebbleTemplateImpl template) {
        References references = new References(template);
        template.getRootNode().accept(references);
        return references;
    }

    /** Free variables: a name bound by {@code for} or {@code set} anywhere in the template is not free. */
    Set<String> variables() {
        Set<String> free = new TreeSet<>(variables);
        free.removeAll(bound);
        return free;
    }

    Set<String> filters() {
        return filters;
    }

    Set<String> functions() {
        return functions;
    }

    @Override
    public void visit(ForNode node) {
        bound.add(node.getIterationVariable());
        super.visit(node);
    }

    @Override
    public void visit(SetNode node) {
        bound.add(node.getName());
        super.visit(node);
    }

    @Override
    public void visit(Node node) {
        if (node instanceof ContextVariableExpression variable) {
            variables.add(variable.getName());
        } else if (node instanceof BinaryExpression<?> binary) {
            binary.getLeftExpression().accept(this);
            binary.getRightExpression().accept(this);
        } else if (node instanceof UnaryExpression unary) {
            unary.getChildExpression().accept(this);
        } else if (node instanceof GetAttributeExpression attribute) {
            attribute.getNode().accept(this);
            attribute.getAttributeNameExpression().accept(this);
            if (attribute.getArgumentsNode() != null) {
                attribute.getArgumentsNode().accept(this);
            }
        } else if (node instanceof FilterInvocationExpression filter) {
            filters.add(filter.getFilterName());
            filter.getArgs().accept(this);
        } else if (node instanceof FunctionOrMacroInvocationExpression function) {
            functions.add(function.getFunctionName());
            function.getArguments().accept(this);
        } else if (node instanceof TernaryExpression ternary) {
            ternary.getExpression1().accept(this);
            ternary.getExpression2().accept(this);
            ternary.getExpression3().accept(this);
        } else if (node instanceof MapExpression map) {
            map.getEntries().forEach((key, value) -> {
                key.accept(this);
                value.accept(this);
            });
        } else if (node instanceof ArrayExpression array) {
            array.getValues().forEach(value -> value.accept(this));
        }
    }
}
