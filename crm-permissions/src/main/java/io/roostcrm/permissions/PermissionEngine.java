package io.roostcrm.permissions;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Compiles subjects' roles into {@link Policy policies} and caches the compiled form.
 *
 * <p>A role set is compiled once per field registry into bit sets and kept in a bounded Caffeine cache, keyed by
 * the roles' values and the registry. A changed role is a different value, so it can never hit a stale entry;
 * {@link #invalidateRole(String)} additionally evicts exactly the compiled role sets that contain the role, and
 * {@link #updateFields(FieldRegistry)} evicts everything compiled against the old registry (every compiled set spans
 * every field). Thread-safe; instances share nothing.
 */
public final class PermissionEngine {

    private volatile FieldRegistry fields;
    private final Cache<PolicyKey, CompiledRoles> compiled;
    private final LongAdder compilations = new LongAdder();

    private PermissionEngine(Builder builder) {
        this.fields = builder.fields;
        this.compiled = Caffeine.newBuilder().maximumSize(builder.maximumPolicies).build();
    }

    /** Starts an engine. */
    public static Builder builder() {
        return new Builder();
    }

    /** An engine over these fields with default settings. */
    public static PermissionEngine over(FieldRegistry fields) {
        return builder().fields(fields).build();
    }

    /** The fields decisions are made over. */
    public FieldRegistry fields() {
        return fields;
    }

    /**
     * The compiled policy for a subject. Compiles the subject's role set on first use for the current registry;
     * later calls with an equal role set reuse it.
     */
    public Policy policy(Subject subject) {
        return policy(subject, fields);
    }

    /**
     * The compiled policy for a subject over a given field registry: for a caller that holds a registry it knows to
     * be current (read in its own unit of work), which may differ from the engine's for a moment while a field
     * change reaches it. Cached like {@link #policy(Subject)}; entries for a registry other than the engine's are
     * evicted with the next {@link #updateFields(FieldRegistry)}.
     */
    public Policy policy(Subject subject, FieldRegistry registry) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(registry, "registry");
        PolicyKey key = new PolicyKey(Set.copyOf(subject.roles()), registry);
        CompiledRoles roles = compiled.get(key, k -> {
            compilations.increment();
            return new CompiledRoles(subject.roles(), k.fields());
        });
        return new Policy(subject, roles);
    }

    /**
     * Replaces the field registry (a field was added, removed or changed its read-only flag). Every compiled role
     * set is evicted: each spans every field of the registry it was compiled against.
     */
    public void updateFields(FieldRegistry newFields) {
        Objects.requireNonNull(newFields, "fields");
        if (!newFields.equals(fields)) {
            this.fields = newFields;
            compiled.invalidateAll();
        }
    }

    /** Evicts the compiled role sets that contain a role of this name, and only those. */
    public void invalidateRole(String roleName) {
        Objects.requireNonNull(roleName, "roleName");
        compiled.asMap().keySet().removeIf(key -> key.mentions(roleName));
    }

    /** How many role sets have been compiled since this engine was built; a measure of cache effectiveness. */
    public long compilations() {
        return compilations.sum();
    }

    /** How many compiled role sets are cached now (approximate while the cache is being maintained). */
    public long cachedPolicies() {
        compiled.cleanUp();
        return compiled.estimatedSize();
    }

    private record PolicyKey(Set<Role> roles, FieldRegistry fields) {
        boolean mentions(String roleName) {
            for (Role role : roles) {
                if (role.name().equals(roleName)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Builds a {@link PermissionEngine}. Not thread-safe. */
    public static final class Builder {
        private FieldRegistry fields;
        private long maximumPolicies = 10_000;

        private Builder() {
        }

        /** The fields to decide over. Required. */
        public Builder fields(FieldRegistry fields) {
            this.fields = Objects.requireNonNull(fields, "fields");
            return this;
        }

        /** The fields to decide over. Required. */
        public Builder fields(List<FieldDescriptor> fields) {
            return fields(FieldRegistry.of(fields));
        }

        /** How many compiled role sets to keep. Default 10,000. */
        public Builder maximumPolicies(long maximumPolicies) {
            if (maximumPolicies < 1) {
                throw new IllegalArgumentException("maximumPolicies was " + maximumPolicies + " but it must be at least 1");
            }
            this.maximumPolicies = maximumPolicies;
            return this;
        }

        /**
         * Builds the engine.
         *
         * @throws IllegalStateException if no fields were given
         */
        public PermissionEngine build() {
            if (fields == null) {
                throw new IllegalStateException("fields is required");
            }
            return new PermissionEngine(this);
        }
    }
}
