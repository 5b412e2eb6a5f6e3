package org.popline.crm.emulator.odata;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits an already URL-decoded {@code $filter} into tokens. String literals keep OData's doubled-quote escape. */
final class FilterTokenizer {

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATETIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?)?");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private final String text;
    private int pos;

    private FilterTokenizer(String text) {
        this.text = text;
    }

    static List<FilterToken> tokenize(String text) {
        return new FilterTokenizer(text).all();
    }

    private List<FilterToken> all() {
        List<FilterToken> tokens = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (pos >= text.length()) {
                tokens.add(new FilterToken(FilterToken.Kind.END, "", pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private FilterToken next() {
        char c = text.charAt(pos);
        int start = pos;
        switch (c) {
            case '(':
                pos++;
                return new FilterToken(FilterToken.Kind.OPEN, "(", start);
            case ')':
                pos++;
                return new FilterToken(FilterToken.Kind.CLOSE, ")", start);
            case ',':
                pos++;
                return new FilterToken(FilterToken.Kind.COMMA, ",", start);
            case '\'':
                return stringLiteral();
            default:
                return word();
        }
    }

    private FilterToken stringLiteral() {
        int start = pos;
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c != '\'') {
                value.append(c);
            } else if (pos < text.length() && text.charAt(pos) == '\'') {
                value.append('\'');
                pos++;
            } else {
                return new FilterToken(FilterToken.Kind.STRING, value.toString(), start);
            }
        }
        throw new FilterSyntaxException(
                "There is an unterminated literal at position " + start + " in '" + text + "'.");
    }

    private FilterToken word() {
        int start = pos;
        while (pos < text.length() && isWordChar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw new FilterSyntaxException("Syntax error: character '" + text.charAt(start)
                    + "' is not valid at position " + start + " in '" + text + "'.");
        }
        String word = text.substring(start, pos);
        return new FilterToken(classify(word, start), word, start);
    }

    private FilterToken.Kind classify(String word, int start) {
        if (GUID.matcher(word).matches()) {
            return FilterToken.Kind.GUID;
        }
        if (NUMBER.matcher(word).matches()) {
            return FilterToken.Kind.NUMBER;
        }
        if (DATETIME.matcher(word).matches()) {
            return FilterToken.Kind.DATETIME;
        }
        if (IDENTIFIER.matcher(word).matches()) {
            return FilterToken.Kind.WORD;
        }
        throw new FilterSyntaxException("Syntax error at position " + start + " in '" + text + "'.");
    }

    private static boolean isWordChar(char c) {
        // '+' and ':' only occur in date-time offsets outside of string literals
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '+';
    }
}
