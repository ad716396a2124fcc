package io.roostcrm.core;

/**
 * An update carried a version older than the stored one (or the entity was deleted meanwhile); nothing was written.
 * Re-read and retry.
 */
public final class StaleVersionException extends CrmException {

    private final String entity;
    private final long id;
    private final long expectedVersion;

    /** The entity of a type and id was not at the expected version. */
    public StaleVersionException(String entity, long id, long expectedVersion) {
        super(ErrorCode.STALE_VERSION, entity + " " + id + " is no longer at version " + expectedVersion, null);
        this.entity = entity;
        this.id = id;
        this.expectedVersion = expectedVersion;
    }

    /** The entity type. */
    public String entity() {
        return entity;
    }

    /** The entity id. */
    public long id() {
        return id;
    }

    /** The version the caller read. */
    public long expectedVersion() {
        return expectedVersion;
    }
}
