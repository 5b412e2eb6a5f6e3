package org.popline.crm.emulator.odata;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Recursive-descent parser for the part of OData {@code $filter} that Dataverse clients use:
 * <pre>
 * or      := and ('or' and)*
 * and     := unary ('and' unary)*
 * unary   := 'not' unary | primary
 * primary := '(' or ')' | function '(' property ',' string ')' | operand op operand
 * </pre>
 * The input must already be URL-decoded.
 */
public final class FilterParser {

    private final String text;
    private final List<FilterToken> tokens;
    private int index;

    private FilterParser(String text) {
        this.text = text;
        this.tokens = FilterTokenizer.tokenize(text);
    }

    public static FilterExpression parse(String filter) {
        FilterParser parser = new FilterParser(filter);
        if (parser.peek().kind() == FilterToken.Kind.END) {
            throw new FilterSyntaxException("Expression expected at position 0 in '" + filter + "'.");
        }
        FilterExpression expression = parser.or();
        FilterToken rest = parser.peek();
        if (rest.kind() != FilterToken.Kind.END) {
            throw parser.unexpected(rest);
        }
        return expression;
    }

    private FilterExpression or() {
        FilterExpression left = and();
        while (peek().isWord("or")) {
            index++;
            left = new FilterExpression.Or(left, and());
        }
        return left;
    }

    private FilterExpression and() {
        FilterExpression left = unary();
        while (peek().isWord("and")) {
            index++;
            left = new FilterExpression.And(left, unary());
        }
        return left;
    }

    private FilterExpression unary() {
        if (peek().isWord("not")) {
            index++;
            return new FilterExpression.Not(unary());
        }
        return primary();
    }

    private FilterExpression primary() {
        FilterToken token = peek();
        if (token.kind() == FilterToken.Kind.OPEN) {
            index++;
            FilterExpression inner = or();
            expect(FilterToken.Kind.CLOSE, "')'");
            return inner;
        }
        if (token.kind() == FilterToken.Kind.WORD && tokens.get(index + 1).kind() == FilterToken.Kind.OPEN) {
            return function();
        }
        return comparison();
    }

    private FilterExpression function() {
        FilterToken name = next();
        FilterExpression.Function function = FilterExpression.Function.ofName(name.text()).orElseThrow(
                () -> new FilterSyntaxException("An unknown function with name '" + name.text()
                        + "' was found. This may also be a function import or a key lookup on a navigation property,"
                        + " which is not allowed."));
        expect(FilterToken.Kind.OPEN, "'('");
        FilterToken property = expect(FilterToken.Kind.WORD, "a property name");
        expect(FilterToken.Kind.COMMA, "','");
        FilterToken argument = expect(FilterToken.Kind.STRING, "a string literal");
        expect(FilterToken.Kind.CLOSE, "')'");
        return new FilterExpression.StringFunction(function, property.text(), argument.text());
    }

    private FilterExpression comparison() {
        FilterToken left = next();
        FilterToken operatorToken = next();
        ComparisonOperator operator = operatorToken.kind() == FilterToken.Kind.WORD
                ? ComparisonOperator.ofKeyword(operatorToken.text()).orElse(null)
                : null;
        if (operator == null) {
            throw unexpected(operatorToken);
        }
        FilterToken right = next();
        if (isProperty(left) && !isProperty(right)) {
            return new FilterExpression.Comparison(left.text(), operator, literal(right));
        }
        if (!isProperty(left) && isProperty(right)) {
            return new FilterExpression.Comparison(right.text(), operator.mirrored(), literal(left));
        }
        throw new FilterSyntaxException("A comparison must have exactly one property and one literal, at position "
                + left.position() + " in '" + text + "'.");
    }

    private static boolean isProperty(FilterToken token) {
        return token.kind() == FilterToken.Kind.WORD
                && !token.text().equals("null") && !token.text().equals("true") && !token.text().equals("false");
    }

    private Literal literal(FilterToken token) {
        switch (token.kind()) {
            case STRING: return Literal.string(token.text());
            case NUMBER: return Literal.number(token.text());
            case GUID: return Literal.guid(token.text());
            case DATETIME: return Literal.dateTime(instant(token));
            case WORD:
                if (token.text().equals("null")) {
                    return Literal.nullValue();
                }
                return Literal.bool(Boolean.parseBoolean(token.text()));
            default: throw unexpected(token);
        }
    }

    private Instant instant(FilterToken token) {
        try {
            if (token.text().length() == 10) {
                return LocalDate.parse(token.text()).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            String withZone = token.text().matches(".*(Z|[+-]\\d{2}:\\d{2})$") ? token.text() : token.text() + "Z";
            return OffsetDateTime.parse(withZone).toInstant();
        } catch (DateTimeParseException e) {
            throw new FilterSyntaxException("Unrecognized 'Edm.DateTimeOffset' literal '" + token.text()
                    + "' at '" + token.position() + "' in '" + text + "'.");
        }
    }

    private FilterToken expect(FilterToken.Kind kind, String what) {
        FilterToken token = next();
        if (token.kind() != kind) {
            throw new FilterSyntaxException("Expected " + what + " at position " + token.position()
                    + " in '" + text + "'.");
        }
        return token;
    }

    private FilterToken peek() {
        return tokens.get(index);
    }

    private FilterToken next() {
        FilterToken token = tokens.get(index);
        if (token.kind() != FilterToken.Kind.END) {
            index++;
        }
        return token;
    }

    private FilterSyntaxException unexpected(FilterToken token) {
        if (token.kind() == FilterToken.Kind.END) {
            return new FilterSyntaxException("Expression expected at position " + token.position()
                    + " in '" + text + "'.");
        }
        return new FilterSyntaxException("Syntax error at position " + (token.position() + token.text().length())
                + " in '" + text + "'.");
    }
}
