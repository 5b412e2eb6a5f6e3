package org.popline.media.dtmf;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Keeps what a detector delivered, in order. */
final class Recorder implements DtmfListener {

    final List<DtmfDigit> digits = new ArrayList<>();
    final List<DtmfDigit> ends = new ArrayList<>();

    @Override
    public void onDigit(DtmfDigit digit) {
        digits.add(digit);
    }

    @Override
    public void onDigitEnd(DtmfDigit digit) {
        ends.add(digit);
    }

    String digitString() {
        return digits.stream().map(d -> String.valueOf(d.digit())).collect(Collectors.joining());
    }

    String endString() {
        return ends.stream().map(d -> String.valueOf(d.digit())).collect(Collectors.joining());
    }
}
