package org.popline.ivr.template;

import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/**
 * {@code {{ Prompt | audiofile }}}: the file name an audio prompt variable holds, as Webex flows
 * fill them with a name ({@code welcome.wav}) or a URL ({@code https://host/prompts/welcome.wav}).
 * Only the last path segment is kept, so the file is looked up in the server's own audio folder and
 * a variable cannot point anywhere else on disk.
 */
final class AudioFileFilter implements Filter {

    static final String NAME = "audiofile";

    @Override
    public List<String> getArgumentNames() {
        return List.of();
    }

    @Override
    public Object apply(Object input, Map<String, Object> args, PebbleTemplate self,
                        EvaluationContext context, int lineNumber) {
        return input == null ? "" : fileName(input.toString().trim());
    }

    static String fileName(String value) {
        String path = value;
        if (value.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
            try {
                URI uri = new URI(value);
                path = uri.getPath() == null ? "" : uri.getPath();
            } catch (URISyntaxException e) {
                path = value.replaceFirst("[?#].*$", "");
            }
        }
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }
}
