package io.roostcrm.core.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What a provider is given to open a store: a JDBC URL, or a {@link DataSource} the host owns, and store-specific
 * properties (e.g. {@code user}, {@code password}, {@code tablePrefix}).
 */
public final class StoreSettings {

    private final String url;
    private final DataSource dataSource;
    private final Map<String, String> properties;

    private StoreSettings(String url, DataSource dataSource, Map<String, String> properties) {
        this.url = url;
        this.dataSource = dataSource;
        this.properties = Map.copyOf(properties);
    }

    /** Settings for a JDBC URL. */
    public static StoreSettings ofUrl(String url, Map<String, String> properties) {
        return new StoreSettings(Objects.requireNonNull(url, "url"), null, properties);
    }

    /** Settings for a host-owned data source (the store will not close it). */
    public static StoreSettings ofDataSource(DataSource dataSource, Map<String, String> properties) {
        return new StoreSettings(null, Objects.requireNonNull(dataSource, "dataSource"), properties);
    }

    /** The JDBC URL, when opened by URL. */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /** The data source, when opened with one. */
    public Optional<DataSource> dataSource() {
        return Optional.ofNullable(dataSource);
    }

    /** Store-specific properties. */
    public Map<String, String> properties() {
        return properties;
    }

    /** One property. */
    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    /** The URL with any password or user-info removed, safe to log or show. */
    public String redactedUrl() {
        return url == null ? "<DataSource>" : redact(url);
    }

    /** A JDBC URL without user info or password parameters, safe to log and to show. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password|pwd|user|username)=[^&;]*", "$1=***")
                .replaceAll("//[^/@]*@", "//***@");
    }

    @Override
    public String toString() {
        return "StoreSettings[" + redactedUrl() + ", properties=" + properties.keySet() + "]";
    }
}
