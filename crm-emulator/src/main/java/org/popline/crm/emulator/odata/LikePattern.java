package org.popline.crm.emulator.odata;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The argument of {@code contains}, {@code startswith} and {@code endswith} as Dataverse reads it: SQL Server LIKE
 * wildcards are honoured inside it ({@code %} any run, {@code _} one character, {@code [abc]}, {@code [a-c]} and
 * {@code [^abc]} one character of, or not of, a set), so {@code endswith(telephone1,'555_0100')} finds
 * "415 555-0100". Both sides are case-folded by the caller. An argument without wildcards is compared as plain
 * text, which is what nearly every query sends and costs no regular expression.
 */
final class LikePattern {

    private LikePattern() {
    }

    static Predicate<String> compile(FilterExpression.Function function, String argument) {
        if (argument.chars().noneMatch(c -> c == '%' || c == '_' || c == '[')) {
            return value -> function.test(value, argument);
        }
        if (onlySingleCharacterWildcards(argument)) {
            return singleCharacterWildcards(function, argument.toCharArray());
        }
        String body = regex(argument);
        String anchored = switch (function) {
            case CONTAINS -> ".*" + body + ".*";
            case STARTSWITH -> body + ".*";
            case ENDSWITH -> ".*" + body;
        };
        Pattern pattern = Pattern.compile(anchored, Pattern.DOTALL);
        return value -> pattern.matcher(value).matches();
    }

    /** True when {@code _} is the only wildcard the pattern may hold (no {@code %}, no {@code [...]}). */
    static boolean onlySingleCharacterWildcards(String like) {
        return like.indexOf('%') < 0 && like.indexOf('[') < 0;
    }

    /**
     * Only {@code _}, which is what a phone search sends: compared in place, since a regular expression per row
     * would make a 100,000-contact search slow.
     */
    private static Predicate<String> singleCharacterWildcards(FilterExpression.Function function, char[] pattern) {
        return switch (function) {
            case STARTSWITH -> value -> value.length() >= pattern.length && matchesAt(value, 0, pattern);
            case ENDSWITH -> value -> value.length() >= pattern.length
                    && matchesAt(value, value.length() - pattern.length, pattern);
            case CONTAINS -> value -> {
                for (int at = 0; at + pattern.length <= value.length(); at++) {
                    if (matchesAt(value, at, pattern)) {
                        return true;
                    }
                }
                return false;
            };
        };
    }

    private static boolean matchesAt(String value, int at, char[] pattern) {
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i] != '_' && pattern[i] != value.charAt(at + i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The runs of plain text a value matching the pattern must hold, read the way {@link #regex} reads the pattern
     * (a {@code [} without a closing {@code ]} two or more characters on is plain text). Whether the first run
     * begins the pattern and the last ends it is what lets {@code startswith} and {@code endswith} use a prefix
     * or suffix index.
     */
    static Literals literals(String like) {
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < like.length()) {
            char c = like.charAt(i);
            boolean wildcard = c == '%' || c == '_' || (c == '[' && like.indexOf(']', i + 2) > 0);
            if (wildcard) {
                if (run.length() > 0 || runs.isEmpty()) {
                    runs.add(run.toString());
                }
                run.setLength(0);
                if (c == '[') {
                    i = like.indexOf(']', i + 2);
                }
            } else {
                run.append(c);
            }
            i++;
        }
        runs.add(run.toString());
        return new Literals(List.copyOf(runs));
    }

    /** Plain-text runs in pattern order; the first is the pattern's start and the last its end (either may be empty). */
    record Literals(List<String> runs) {

        String leading() {
            return runs.get(0);
        }

        String trailing() {
            return runs.get(runs.size() - 1);
        }

        String longest() {
            String longest = "";
            for (String run : runs) {
                if (run.length() > longest.length()) {
                    longest = run;
                }
            }
            return longest;
        }
    }

    private static String regex(String like) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < like.length()) {
            char c = like.charAt(i);
            if (c == '%') {
                out.append(".*");
            } else if (c == '_') {
                out.append('.');
            } else if (c == '[' && like.indexOf(']', i + 2) > 0) {
                int close = like.indexOf(']', i + 2);
                out.append(characterClass(like.substring(i + 1, close)));
                i = close;
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return out.toString();
    }

    /** {@code ^} first negates; {@code a-c} is a range; every other character stands for itself (escaped). */
    private static String characterClass(String set) {
        boolean negated = set.startsWith("^") && set.length() > 1;
        String members = negated ? set.substring(1) : set;
        StringBuilder out = new StringBuilder(negated ? "[^" : "[");
        for (int i = 0; i < members.length(); i++) {
            char c = members.charAt(i);
            if (c == '-' && i > 0 && i < members.length() - 1) {
                out.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                out.append(c);
            } else {
                out.append('\\').append(c);
            }
        }
        return out.append(']').toString();
    }
}
