package org.popline.ivr.template;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import java.time.Clock;
import java.util.Map;
import org.popline.ivr.ani.AniStripper;
import org.popline.ivr.ani.PhoneVariants;

/** The filters Popline adds to Pebble's built-ins ({@code replace}, {@code urlencode}, {@code default}, ...). */
final class PoplineExtension extends AbstractExtension {

    private final Map<String, Filter> filters;

    /** @param defaultRegion the region callers' numbers are national to when they carry no country code */
    PoplineExtension(String defaultRegion) {
        this.filters = Map.of(
                SpellFilter.NAME, new SpellFilter(),
                AudioFileFilter.NAME, new AudioFileFilter(),
                StripAniFilter.NAME, new StripAniFilter(new AniStripper(defaultRegion)),
                PhoneSearchFilter.NAME, new PhoneSearchFilter(new PhoneVariants(defaultRegion)));
    }

    @Override
    public Map<String, Filter> getFilters() {
        return filters;
    }

    @Override
    public Map<String, Function> getFunctions() {
        return Map.of(NowFunction.NAME, new NowFunction(Clock.systemUTC()));
    }
}
