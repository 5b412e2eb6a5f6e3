package org.popline.ivr.template;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import java.util.Map;

/** The filters Popline adds to Pebble's built-ins ({@code replace}, {@code urlencode}, {@code default}, ...). */
final class PoplineExtension extends AbstractExtension {

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of(SpellFilter.NAME, new SpellFilter());
    }
}
