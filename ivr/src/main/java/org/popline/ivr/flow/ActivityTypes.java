package org.popline.ivr.flow;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The registry from a type name, as written in a flow file, to its activity type. */
public final class ActivityTypes {
    private final Map<String, ActivityType> byName;

    public ActivityTypes(Collection<? extends ActivityType> types) {
        Map<String, ActivityType> map = new TreeMap<>();
        for (ActivityType type : types) {
            if (map.put(type.name(), type) != null) {
                throw new IllegalArgumentException("activity type registered twice: " + type.name());
            }
        }
        byName = Collections.unmodifiableMap(map);
    }

    /** Every type of the flow engine issue. */
    public static ActivityTypes standard() {
        return new ActivityTypes(List.of(
                new SetVariableType(),
                new HttpRequestType(),
                new FindCustomerType(),
                new ConditionType(),
                new PlayMessageType(),
                new MenuType(),
                new CollectDigitsType(),
                new QueueContactType(),
                new PlayMusicType(),
                new DisconnectType(),
                new ScreenPopType(),
                new EndType(),
                new CaseType(),
                new ParseType(),
                new QueueLookupType(),
                new BusinessHoursType()));
    }

    public Optional<ActivityType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Type names in alphabetical order, for error messages. */
    public Collection<String> names() {
        return byName.keySet();
    }
}
