package io.roostcrm.core.spi;

import io.roostcrm.core.contact.Stage;

import java.util.List;
import java.util.Optional;

/** The ordered set of stages. */
public interface StageStore {

    /** All stages, by position then id. */
    List<Stage> all();

    /** One stage. */
    Optional<Stage> find(long stageId);

    /**
     * Inserts a stage; its id is ignored.
     *
     * @throws io.roostcrm.core.CrmValidationException if the name is taken (field {@code name}, rule {@code unique})
     */
    Stage insert(Stage stage);

    /**
     * Inserts as {@code insert} does, with the id the store assigns or, for {@link IdAssignment#GIVEN}, the id the
     * value carries. The default handles {@link IdAssignment#STORE} and refuses {@link IdAssignment#GIVEN}; stores
     * with {@link StoreFeature#GIVEN_IDS} override it.
     *
     * @throws io.roostcrm.core.CrmValidationException for a given id that is taken (field {@code id}, rule
     *                                                {@code unique})
     * @throws UnsupportedOperationException          for {@link IdAssignment#GIVEN} on a store without
     *                                                {@link StoreFeature#GIVEN_IDS}
     */
    default Stage insert(Stage stage, IdAssignment ids) {
        if (ids == IdAssignment.GIVEN) {
            throw new UnsupportedOperationException("this store does not keep given ids");
        }
        return insert(stage);
    }

    /**
     * Renames or moves a stage.
     *
     * @throws io.roostcrm.core.CrmNotFoundException if no such stage
     */
    Stage update(Stage stage);

    /**
     * Deletes a stage. A missing id is ignored.
     *
     * @throws io.roostcrm.core.CrmValidationException if a contact is at this stage (field {@code stage}, rule
     *                                                {@code in_use}); nothing is deleted
     */
    boolean delete(long stageId);
}
