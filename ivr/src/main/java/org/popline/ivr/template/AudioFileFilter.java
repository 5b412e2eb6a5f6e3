package org.popline.ivr.template;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * {@code {{ Prompt | audiofile }}}: the file name an audio prompt variable holds, as Webex flows
 * fill them with a name ({@code welcome.wav}) or a URL ({@code https://host/prompts/welcome.wav}).
 * Only the last path segment is kept, so the file is looked up in the server's own audio folder and
 * a variable cannot point anywhere else on disk.
 */
final class AudioFileFilter extends TextFilter {

    static final String NAME = "audiofile";

    @Override
    String apply(String text) {
        return fileName(text.trim());
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
