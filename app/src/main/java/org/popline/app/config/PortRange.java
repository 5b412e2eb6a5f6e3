package org.popline.app.config;

/** An inclusive RTP port range written as {@code MIN-MAX}; it must hold at least one even/odd pair. */
record PortRange(int min, int max) {
    static PortRange parse(ConfigReader r, String key, String text) throws ConfigException {
        String[] parts = text.trim().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw r.error(key, "'" + text + "' is not a range like 20000-29999");
        }
        int min;
        int max;
        try {
            min = Integer.parseInt(parts[0]);
            max = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw r.error(key, "'" + text + "' is not a range like 20000-29999");
        }
        if (min < 1024 || max > 65535 || min > max) {
            throw r.error(key, "'" + text + "' must lie within 1024-65535 with the lower bound first");
        }
        int firstEven = min + (min & 1);
        if (firstEven + 1 > max) {
            throw r.error(key, "'" + text + "' holds no even port with its RTCP port above it");
        }
        return new PortRange(min, max);
    }
}
