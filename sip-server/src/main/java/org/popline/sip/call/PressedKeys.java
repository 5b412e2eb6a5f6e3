package org.popline.sip.call;

import java.util.ArrayList;
import java.util.List;
import org.popline.ivr.SecureDigits;

/**
 * The keys a caller pressed, in order, as {@code /calls} and the call record show them; keys
 * pressed for a secure entry are kept only as a count ({@code 1***(4)#}). Thread-safe.
 */
final class PressedKeys {
    private record Key(char key, boolean secure) {
    }

    private final List<Key> keys = new ArrayList<>();
    private boolean secure;

    synchronized void add(char key) {
        keys.add(new Key(key, secure));
    }

    /** From now on keys are secure (or not); turning it on also masks the last {@code typedAhead} keys. */
    synchronized void secure(boolean on, int typedAhead) {
        secure = on;
        if (on) {
            for (int i = Math.max(0, keys.size() - typedAhead); i < keys.size(); i++) {
                keys.set(i, new Key(keys.get(i).key(), true));
            }
        }
    }

    synchronized String shown() {
        StringBuilder out = new StringBuilder();
        int masked = 0;
        for (Key k : keys) {
            if (k.secure()) {
                masked++;
                continue;
            }
            if (masked > 0) {
                out.append(SecureDigits.mask(masked));
                masked = 0;
            }
            out.append(k.key());
        }
        if (masked > 0) {
            out.append(SecureDigits.mask(masked));
        }
        return out.toString();
    }
}
