package org.popline.ivr.hours;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A schedule as Webex's business hours define it: working hours per weekday, holidays (whole
 * days) and overrides (dates with their own hours, which win over the rest), in one time zone.
 */
public record BusinessHours(ZoneId zone, Map<DayOfWeek, List<Span>> working, Set<LocalDate> holidays,
        Map<LocalDate, List<Span>> overrides) {

    /** What a moment is, named as the business-hours activity's outcomes. */
    public enum State {
        OVERRIDE("override"), HOLIDAY("holidays"), WORKING("workingHours"), CLOSED("default");

        private final String outcome;

        State(String outcome) {
            this.outcome = outcome;
        }

        public String outcome() {
            return outcome;
        }
    }

    /** From {@code start} (included) to {@code end} (excluded), within one day. */
    public record Span(LocalTime start, LocalTime end) {
        public Span {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("hours end before they start: " + start + "-" + end);
            }
        }

        boolean contains(LocalTime time) {
            return !time.isBefore(start) && time.isBefore(end);
        }

        /** {@code 09:00-17:30}. */
        public static Span parse(String text) {
            String[] parts = text.trim().split("-");
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected hours like 09:00-17:30, got '" + text + "'");
            }
            return new Span(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
        }
    }

    public BusinessHours {
        working = Map.copyOf(working);
        holidays = Set.copyOf(holidays);
        overrides = Map.copyOf(overrides);
    }

    public State at(ZonedDateTime when) {
        ZonedDateTime local = when.withZoneSameInstant(zone);
        LocalDate date = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        if (overrides.getOrDefault(date, List.of()).stream().anyMatch(s -> s.contains(time))) {
            return State.OVERRIDE;
        }
        if (holidays.contains(date)) {
            return State.HOLIDAY;
        }
        if (working.getOrDefault(date.getDayOfWeek(), List.of()).stream().anyMatch(s -> s.contains(time))) {
            return State.WORKING;
        }
        return State.CLOSED;
    }
}
