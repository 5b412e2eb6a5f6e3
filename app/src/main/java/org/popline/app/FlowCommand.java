package org.popline.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.popline.app.config.ConfigException;
import org.popline.app.config.ConfigLoader;
import org.popline.app.config.Overrides;
import org.popline.ivr.flow.ActivityTypes;
import org.popline.ivr.flow.FlowExpressions;
import org.popline.ivr.flow.FlowLoader;
import org.popline.ivr.lint.FlowTool;
import org.popline.ivr.template.Templates;
import org.popline.ivr.webex.WebexMapping;
import org.popline.ivr.webex.WebexTranslator;

/**
 * {@code popline flow import FILE.json [--out FILE.yaml]} and {@code popline flow check FILE}: ids
 * are mapped as the server would map them, from the configuration folder ({@code --conf}, default conf).
 */
final class FlowCommand {
    static final String USAGE = """
            usage: popline flow import FILE.json [--out FILE.yaml] [--conf DIR]
                   popline flow check FILE [--conf DIR]
            """;

    private FlowCommand() {
    }

    static int run(String[] args) {
        if (args.length < 2 || !(args[0].equals("import") || args[0].equals("check"))) {
            System.err.print(USAGE);
            return 2;
        }
        Path file = Path.of(args[1]);
        Optional<Path> out = Optional.empty();
        Path conf = Path.of("conf");
        for (int i = 2; i < args.length; i++) {
            if (i + 1 >= args.length) {
                System.err.print(USAGE);
                return 2;
            }
            switch (args[i]) {
                case "--out" -> out = Optional.of(Path.of(args[++i]));
                case "--conf" -> conf = Path.of(args[++i]);
                default -> {
                    System.err.print(USAGE);
                    return 2;
                }
            }
        }
        String region = "US";
        WebexMapping mapping = WebexMapping.of(PoplineServer.DYNAMICS_CONNECTOR, List.of("support"));
        Optional<Set<String>> schedules = Optional.empty();
        if (Files.isRegularFile(conf.resolve(ConfigLoader.FILE_NAME))) {
            try {
                var config = ConfigLoader.load(conf, new Overrides());
                region = config.crm().defaultRegion();
                mapping = PoplineServer.webexMapping(config);
                schedules = Optional.of(config.businessHours().keySet());
            } catch (ConfigException e) {
                System.err.println("popline: configuration error: " + e.getMessage());
                return 2;
            }
        }
        Templates templates = new Templates(region);
        FlowExpressions expressions = new FlowExpressions(templates);
        WebexTranslator webex = new WebexTranslator(mapping);
        FlowLoader loader = new FlowLoader(ActivityTypes.standard(), expressions, List.of(webex));
        FlowTool tool = new FlowTool(schedules.map(loader::knowingSchedules).orElse(loader), webex, expressions);
        return args[0].equals("import") ? tool.importFlow(file, out, System.out, System.err) : tool.check(file, System.out);
    }
}
