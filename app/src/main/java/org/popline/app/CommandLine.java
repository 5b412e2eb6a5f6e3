package org.popline.app;

import java.nio.file.Path;
import java.util.List;
import org.popline.app.config.Overrides;

/** The start command's options: a configuration folder and overrides of single keys. */
record CommandLine(Path confDir, Overrides overrides, boolean help) {
    static final String USAGE = """
            usage: popline [--conf DIR] [--bind ADDRESS] [--sip-port PORT] [--rtp-ports MIN-MAX]
                           [--http-port PORT] [--set KEY=VALUE]...
              --conf DIR          configuration folder holding popline.yaml (default: conf)
              --bind ADDRESS      sip.bind-address and desk.bind-address: IPv4 address to listen on for
                                  SIP, RTP and the agents' page (the admin API stays on http.bind-address)
              --sip-port PORT     sip.port (UDP and TCP)
              --rtp-ports MIN-MAX rtp.ports
              --http-port PORT    http.port (0: any free port)
              --set KEY=VALUE     any other key of popline.yaml, e.g. --set call.max-duration=10m
            """;

    /** Each option, then the keys it sets. */
    private static final List<String[]> SHORTCUTS = List.of(
            new String[] {"--bind", "sip.bind-address", "desk.bind-address"},
            new String[] {"--sip-port", "sip.port"},
            new String[] {"--rtp-ports", "rtp.ports"},
            new String[] {"--http-port", "http.port"});

    static CommandLine parse(String[] args) {
        Path conf = Path.of("conf");
        Overrides overrides = new Overrides();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                return new CommandLine(conf, overrides, true);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String value = args[++i];
            if (a.equals("--conf")) {
                conf = Path.of(value);
            } else if (a.equals("--set")) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--set needs KEY=VALUE, got '" + value + "'");
                }
                overrides.set(value.substring(0, eq).trim(), value.substring(eq + 1));
            } else {
                String[] shortcut = SHORTCUTS.stream().filter(s -> s[0].equals(a)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown option " + a));
                for (int k = 1; k < shortcut.length; k++) {
                    overrides.set(shortcut[k], value);
                }
            }
        }
        return new CommandLine(conf, overrides, false);
    }
}
