package org.popline.ivr.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.popline.ivr.flow.ExpressionChecker;
import org.popline.ivr.flow.Flow;
import org.popline.ivr.flow.FlowException;
import org.popline.ivr.flow.FlowLoader;
import org.popline.ivr.webex.Translation;
import org.popline.ivr.webex.WebexTranslator;

/**
 * The {@code popline flow} subcommands: {@code import} writes a Flow Designer export as Popline
 * YAML, {@code check} validates a flow of either format and prints its warnings. Exit status 0
 * when the flow loads, 1 when it does not, 2 for a file that cannot be read or written.
 */
public final class FlowTool {
    private final FlowLoader loader;
    private final WebexTranslator webex;
    private final FlowTraps traps;

    public FlowTool(FlowLoader loader, WebexTranslator webex, ExpressionChecker expressions) {
        this.loader = loader;
        this.webex = webex;
        this.traps = new FlowTraps(expressions);
    }

    /** Writes the export as YAML to {@code out}, or to {@code stdout} when empty; warnings go to {@code err}. */
    public int importFlow(Path in, Optional<Path> out, PrintStream stdout, PrintStream err) {
        try {
            String text = Files.readString(in);
            Translation translation = webex.convert(in.toString(), text);
            loader.read(in.toString(), translation.flow());
            translation.warnings().forEach(w -> err.println("warning: " + w));
            String yaml = "# Imported from " + in.getFileName() + " by popline flow import; activity names as in the export.\n"
                    + yaml().writeValueAsString(translation.flow());
            if (out.isPresent()) {
                Files.writeString(out.get(), yaml);
                err.println("wrote " + out.get());
            } else {
                stdout.print(yaml);
            }
            return 0;
        } catch (FlowException e) {
            e.problems().forEach(p -> err.println("error: " + p));
            return 1;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    /** Validates a flow (YAML or export), printing its problems or its warnings. */
    public int check(Path file, PrintStream stdout) {
        try {
            String text = Files.readString(file);
            List<String> warnings = new ArrayList<>();
            if (webex.reads(file.toString())) {
                warnings.addAll(webex.convert(file.toString(), text).warnings());
            }
            Flow flow = loader.parse(file.toString(), text);
            warnings.addAll(traps.check(file.toString(), flow));
            warnings.forEach(w -> stdout.println("warning: " + w));
            stdout.println(file + ": flow '" + flow.name() + "' is valid: " + flow.activities().size() + " activities, "
                    + warnings.size() + " warning(s)");
            return 0;
        } catch (FlowException e) {
            e.problems().forEach(p -> stdout.println("error: " + p));
            return 1;
        } catch (IOException e) {
            stdout.println("error: " + file + ": cannot read: " + e.getMessage());
            return 2;
        }
    }

    private static YAMLMapper yaml() {
        return YAMLMapper.builder()
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build();
    }

    static String toYaml(Object tree) throws JsonProcessingException {
        return yaml().writeValueAsString(tree);
    }
}
