package org.popline.app.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.popline.ivr.hours.BusinessHours;
import org.popline.ivr.hours.BusinessHours.Span;

/**
 * Reads the {@code business-hours} section: schedule name to its time zone, working hours per
 * weekday, holidays and overrides, as a flow's business-hours activity branches on them.
 */
final class BusinessHoursReader {
    private BusinessHoursReader() {
    }

    static Map<String, BusinessHours> read(ConfigReader r) throws ConfigException {
        Map<String, BusinessHours> schedules = new LinkedHashMap<>();
        for (String name : r.names("business-hours", "schedule name to schedule")) {
            String k = "business-hours." + name + ".";
            ZoneId zone = zone(r, k + "zone");
            Map<DayOfWeek, List<Span>> working = new EnumMap<>(DayOfWeek.class);
            for (String day : r.names(k + "working", "weekday to hours")) {
                working.put(weekday(r, k + "working." + day, day), spans(r, k + "working." + day));
            }
            Set<LocalDate> holidays = new HashSet<>();
            for (String text : r.list(k + "holidays", List.of())) {
                holidays.add(date(r, k + "holidays", text));
            }
            Map<LocalDate, List<Span>> overrides = new HashMap<>();
            for (String day : r.names(k + "overrides", "date to hours")) {
                overrides.put(date(r, k + "overrides." + day, day), spans(r, k + "overrides." + day));
            }
            schedules.put(name, new BusinessHours(zone, working, holidays, overrides));
        }
        return schedules;
    }

    private static ZoneId zone(ConfigReader r, String key) throws ConfigException {
        String text = r.string(key, ZoneId.systemDefault().getId());
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw r.error(key, "'" + text + "' is not a time zone like Europe/Berlin or America/New_York");
        }
    }

    private static DayOfWeek weekday(ConfigReader r, String key, String text) throws ConfigException {
        try {
            return DayOfWeek.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw r.error(key, "'" + text + "' is not a weekday (monday ... sunday)");
        }
    }

    private static LocalDate date(ConfigReader r, String key, String text) throws ConfigException {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw r.error(key, "'" + text + "' is not a date like 2025-12-25");
        }
    }

    /** {@code [09:00-12:00, 13:00-17:00]}; an empty list: closed that day. */
    private static List<Span> spans(ConfigReader r, String key) throws ConfigException {
        List<Span> spans = new ArrayList<>();
        for (String text : r.list(key, List.of())) {
            try {
                spans.add(Span.parse(text));
            } catch (DateTimeException e) {
                throw r.error(key, "'" + text + "' is not hours like 09:00-17:30");
            } catch (IllegalArgumentException e) {
                throw r.error(key, e.getMessage());
            }
        }
        return spans;
    }
}
