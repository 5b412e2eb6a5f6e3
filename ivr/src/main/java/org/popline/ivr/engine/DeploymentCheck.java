package org.popline.ivr.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.popline.ivr.flow.Activity;
import org.popline.ivr.flow.Flow;
import org.popline.ivr.flow.PromptPart;
import org.popline.ivr.flow.PlayMusicType;

/**
 * What a flow file cannot know on its own but this server can: whether the connectors and voices
 * it names are configured and whether its audio files exist. Problems are worded like the loader's.
 */
public final class DeploymentCheck {
    private final Set<String> connectors;
    private final Set<String> voices;
    private final Predicate<String> audioExists;

    /**
     * @param connectors the connector names this server has configured
     * @param voices the TTS voices it can speak with
     * @param audioExists whether an audio file named in a flow can be played
     */
    public DeploymentCheck(Set<String> connectors, Set<String> voices, Predicate<String> audioExists) {
        this.connectors = Set.copyOf(connectors);
        this.voices = Set.copyOf(voices);
        this.audioExists = audioExists;
    }

    List<String> problems(String where, Flow flow) {
        List<String> problems = new ArrayList<>();
        for (Activity activity : flow.activities().values()) {
            String prefix = where + ": activity '" + activity.name() + "': ";
            activity.settings().text("connector").filter(c -> !connectors.contains(c)).ifPresent(c ->
                    problems.add(prefix + "settings.connector: no connector '" + c + "' is configured (known: "
                            + String.join(", ", connectors.stream().sorted().toList()) + ")"));
            activity.settings().text("voice").filter(v -> !voices.contains(v)).ifPresent(v ->
                    problems.add(prefix + "settings.voice: no voice '" + v + "' (known: "
                            + String.join(", ", voices.stream().sorted().toList()) + ")"));
            activity.settings().text("audio").filter(a -> !a.contains("{{") && !audioExists.test(a)).ifPresent(a ->
                    problems.add(prefix + "settings.audio: no audio file '" + a + "'"));
            List<PromptPart> parts = activity.settings().prompts("prompts");
            for (int i = 0; i < parts.size(); i++) {
                String file = parts.get(i).template();
                if (parts.get(i).kind() == PromptPart.Kind.AUDIO && !file.contains("{{") && !audioExists.test(file)) {
                    problems.add(prefix + "settings.prompts[" + i + "].audio: no audio file '" + file + "'");
                }
            }
            if (activity.type().equals("play-music")) {
                activity.settings().text("source")
                        .filter(s -> !s.equals(PlayMusicType.DEFAULT_SOURCE) && !audioExists.test(s))
                        .ifPresent(s -> problems.add(prefix + "settings.source: no audio file '" + s + "'"));
            }
        }
        return problems;
    }
}
