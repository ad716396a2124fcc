package io.roostcrm.core;

/**
 * No such entity, or one the caller may not see: the two are reported alike so that existence is no oracle.
 */
public final class CrmNotFoundException extends CrmException {

    private final String entity;
    private final String id;

    /** An entity of a type (e.g. {@code contact}) with an id was not found. */
    public CrmNotFoundException(String entity, Object id) {
        super(ErrorCode.NOT_FOUND, entity + " " + id + " not found", null);
        this.entity = entity;
        this.id = String.valueOf(id);
    }

    /** The entity type, e.g. {@code contact}, {@code note}, {@code list}. */
    public String entity() {
        return entity;
    }

    /** The id that was asked for. */
    public String id() {
        return id;
    }
}
