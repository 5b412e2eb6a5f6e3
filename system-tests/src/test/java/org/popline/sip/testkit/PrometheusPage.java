package org.popline.sip.testkit;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code /metrics} page read strictly against the Prometheus text exposition format 0.0.4, as a
 * scraper would: every line must be a HELP, TYPE or other comment, or a sample; a family's TYPE
 * comes once and before its samples, which stay together; no series appears twice; histograms have
 * increasing cumulative buckets ending in +Inf equal to their count. Any violation fails with its line.
 */
public final class PrometheusPage {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final String LABEL_VALUE = "\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=" + LABEL_VALUE;
    private static final String NUMBER = "(?:[+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)|[+-]?Inf|NaN)";
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*,?)?\\})? (" + NUMBER + ")(?: -?\\d+)?");
    private static final Pattern ONE_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=(" + LABEL_VALUE + ")");

    private final Map<String, Double> series = new LinkedHashMap<>();

    private PrometheusPage() {
    }

    public static PrometheusPage parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the page must end with a line feed");
        }
        PrometheusPage page = new PrometheusPage();
        Map<String, String> types = new LinkedHashMap<>();
        Set<String> closedFamilies = new HashSet<>();
        Set<String> helped = new HashSet<>();
        String currentFamily = null;
        Histograms histograms = new Histograms();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + " '" + line + "': ";
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                if (!helped.add(m.group(1))) {
                    throw new AssertionError(where + "second HELP for " + m.group(1));
                }
            } else if ((m = TYPE.matcher(line)).matches()) {
                String family = m.group(1);
                if (types.containsKey(family) || closedFamilies.contains(family)) {
                    throw new AssertionError(where + "TYPE after the family's samples or twice");
                }
                types.put(family, m.group(2));
                if (currentFamily != null) {
                    closedFamilies.add(currentFamily);
                }
                currentFamily = family;
            } else if (line.startsWith("#")) {
                if (line.startsWith("# HELP") || line.startsWith("# TYPE")) {
                    throw new AssertionError(where + "malformed HELP or TYPE");
                }
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                String family = familyOf(name, types);
                if (family == null) {
                    throw new AssertionError(where + "sample of a family without TYPE");
                }
                if (!family.equals(currentFamily)) {
                    throw new AssertionError(where + "sample away from its family's TYPE (families must stay together)");
                }
                Map<String, String> labels = labels(m.group(2));
                String key = key(name, labels);
                double value = parseNumber(m.group(3));
                if (page.series.put(key, value) != null) {
                    throw new AssertionError(where + "series given twice");
                }
                if (types.get(family).equals("histogram")) {
                    histograms.add(family, name, labels, value, where);
                }
            } else {
                throw new AssertionError(where + "neither a comment nor a sample");
            }
        }
        histograms.check();
        return page;
    }

    /** The value of a series, e.g. {@code value("popline_calls_total", "outcome", "flow")}; 0 if absent. */
    public double value(String name, String... labels) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return series.getOrDefault(key(name, map), 0.0);
    }

    public boolean has(String name, String... labels) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return series.containsKey(key(name, map));
    }

    private static String familyOf(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (sample.endsWith(suffix)) {
                String family = sample.substring(0, sample.length() - suffix.length());
                String type = types.get(family);
                if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
                    return family;
                }
            }
        }
        return null;
    }

    private static Map<String, String> labels(String braces) {
        Map<String, String> labels = new TreeMap<>();
        if (braces == null) {
            return labels;
        }
        Matcher m = ONE_LABEL.matcher(braces);
        while (m.find()) {
            String quoted = m.group(2);
            String value = quoted.substring(1, quoted.length() - 1).replace("\\n", "\n").replace("\\\"", "\"")
                    .replace("\\\\", "\\");
            if (labels.put(m.group(1), value) != null) {
                throw new AssertionError("label " + m.group(1) + " given twice in " + braces);
            }
        }
        return labels;
    }

    private static String key(String name, Map<String, String> labels) {
        return name + labels;
    }

    private static double parseNumber(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** Buckets per histogram series (its labels other than le), checked once the page is read. */
    private static final class Histograms {
        private final Map<String, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
        private final Map<String, Double> counts = new LinkedHashMap<>();

        void add(String family, String name, Map<String, String> labels, double value, String where) {
            Map<String, String> others = new TreeMap<>(labels);
            String le = others.remove("le");
            String series = family + others;
            if (name.endsWith("_bucket")) {
                if (le == null) {
                    throw new AssertionError(where + "bucket without le");
                }
                buckets.computeIfAbsent(series, s -> new TreeMap<>()).put(parseNumber(le), value);
            } else if (name.endsWith("_count")) {
                counts.put(series, value);
            }
        }

        void check() {
            buckets.forEach((series, byBound) -> {
                if (byBound.lastKey() != Double.POSITIVE_INFINITY) {
                    throw new AssertionError(series + ": no +Inf bucket");
                }
                double previous = 0;
                for (double count : byBound.values()) {
                    if (count < previous) {
                        throw new AssertionError(series + ": buckets are not cumulative: " + byBound);
                    }
                    previous = count;
                }
                if (!Double.valueOf(previous).equals(counts.get(series))) {
                    throw new AssertionError(series + ": +Inf bucket " + previous + " is not _count " + counts.get(series));
                }
            });
        }
    }
}
