package io.roostcrm.tck;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.ChangeLogStore;
import io.roostcrm.core.spi.ContactStore;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.Epoch;
import io.roostcrm.core.spi.FieldStore;
import io.roostcrm.core.spi.GroupStore;
import io.roostcrm.core.spi.IdAssignment;
import io.roostcrm.core.spi.NoteStore;
import io.roostcrm.core.spi.ReminderStore;
import io.roostcrm.core.spi.SecurityStore;
import io.roostcrm.core.spi.SettingStore;
import io.roostcrm.core.spi.StageStore;
import io.roostcrm.core.spi.StoreCapabilities;
import io.roostcrm.core.spi.StoreTransaction;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A correct store that declares less than the reference store: four custom field types and no optional feature
 * (no reminders, no epoch, no change log, no given ids). It refuses what it does not declare, as the SPI asks, so the
 * kit's skips and refusal checks run. It implements only {@link CrmStore#transactionResult(Function)}, as a store
 * written before units of work had a context does, so the SPI's default for contexts runs here too.
 */
final class LimitedStore implements CrmStore {

    private static final StoreCapabilities CAPABILITIES = new StoreCapabilities(
            EnumSet.of(FieldType.TEXT, FieldType.NUMBER, FieldType.DATE, FieldType.SELECT), Set.of());

    private final CrmStore delegate;

    LimitedStore(CrmStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public StoreCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public <T> T transactionResult(Function<StoreTransaction, T> work) {
        return delegate.transactionResult(tx -> work.apply(new Transaction(tx)));
    }

    @Override
    public void close() {
        delegate.close();
    }

    private static final class Transaction extends ForwardingTransaction {
        private final StoreTransaction tx;

        Transaction(StoreTransaction tx) {
            super(tx);
            this.tx = tx;
        }

        @Override
        public FieldStore fields() {
            FieldStore fields = tx.fields();
            return new FieldStore() {
                @Override
                public List<FieldDefinition> all() {
                    return fields.all();
                }

                @Override
                public void define(FieldDefinition field) {
                    if (!CAPABILITIES.supports(field.type())) {
                        throw new CrmValidationException(Violation.of(field.key(), "unsupported_type",
                                "cannot have this type on this store"));
                    }
                    fields.define(field);
                }

                @Override
                public void update(FieldDefinition field) {
                    fields.update(field);
                }

                @Override
                public void remove(String key) {
                    fields.remove(key);
                }
            };
        }

        @Override
        public ContactStore contacts() {
            return refusingGivenIds(ContactStore.class, tx.contacts());
        }

        @Override
        public NoteStore notes() {
            return refusingGivenIds(NoteStore.class, tx.notes());
        }

        @Override
        public StageStore stages() {
            return refusingGivenIds(StageStore.class, tx.stages());
        }

        @Override
        public GroupStore groups(GroupKind kind) {
            return refusingGivenIds(GroupStore.class, tx.groups(kind));
        }

        @Override
        public Optional<ReminderStore> reminders() {
            return Optional.empty();
        }

        @Override
        public Optional<Epoch> epoch() {
            return Optional.empty();
        }

        @Override
        public Optional<ChangeLogStore> changeLog() {
            return Optional.empty();
        }

        @Override
        public Optional<SettingStore> settings() {
            return Optional.empty();
        }

        @Override
        public Optional<SecurityStore> security() {
            return Optional.empty();
        }

        @Override
        public Optional<io.roostcrm.core.spi.AuditStore> audit() {
            return Optional.empty();
        }
    }

    /**
     * The sub-store, forwarding every call but refusing {@link IdAssignment#GIVEN} as a store without
     * {@code GIVEN_IDS} must (the delegate keeps given ids). A proxy, because the refusal is the same for every
     * insert of every sub-store.
     */
    private static <S> S refusingGivenIds(Class<S> type, S store) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (args != null && Arrays.asList(args).contains(IdAssignment.GIVEN)) {
                throw new UnsupportedOperationException("this store does not keep given ids");
            }
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
