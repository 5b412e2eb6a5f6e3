package org.popline.ivr.flow;

/**
 * One of several prompts an activity plays in order ({@code prompts: [{text: ...}, {audio: ...}]}):
 * a {@code text} template to speak or an {@code audio} file name template to play.
 */
public record PromptPart(Kind kind, String template) {

    public enum Kind {
        TEXT("text"), AUDIO("audio");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** As written in a flow file. */
        public String key() {
            return key;
        }
    }

    public static PromptPart text(String template) {
        return new PromptPart(Kind.TEXT, template);
    }

    public static PromptPart audio(String template) {
        return new PromptPart(Kind.AUDIO, template);
    }
}
