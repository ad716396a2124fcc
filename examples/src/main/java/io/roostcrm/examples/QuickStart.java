package io.roostcrm.examples;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.contact.ContactDraft;
import io.roostcrm.core.contact.ContactPatch;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.io.ExportFormat;
import io.roostcrm.core.query.ContactQuery;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Sort;
import io.roostcrm.permissions.Action;
import io.roostcrm.permissions.FieldRights;
import io.roostcrm.permissions.Ownership;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Scope;
import io.roostcrm.permissions.Subject;
import io.roostcrm.store.jdbc.JdbcStore;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Roost in one page, on an embedded H2 database: a super admin defines custom fields and the field-level roles of
 * the PloverCRM manual, a sales rep creates contacts, and a support agent sees the same contacts without the
 * contract value. Run with {@code mvn -q -pl examples -am compile exec:java}.
 */
public final class QuickStart {

    private static final String[] STANDARD = {"email", "first_name", "last_name", "phone", "company"};

    private QuickStart() {
    }

    public static void main(String[] args) {
        try (Crm crm = Crm.builder().store(JdbcStore.builder().h2InMemory("quickstart").build()).build()) {
            // The host bootstraps its first administrator with a super-admin subject of its own.
            CrmSession root = crm.as(new Subject(1, Set.of(), List.of(Role.superAdmin("Super Admin"))));
            // ensureField, saveRole and ensureUser create once and then only check, so this setup may run at every
            // start, also on a database file that already holds it.
            root.admin().ensureField(FieldDefinition.custom("lead_source", FieldType.SELECT)
                    .label("Lead Source").options("web", "referral", "event").build());
            root.admin().ensureField(FieldDefinition.custom("contract_value", FieldType.NUMBER)
                    .label("Contract Value").build());

            Role salesRep = root.admin().saveRole(Role.builder("Sales Representative")
                    .viewScope(Scope.OWNED).updateScope(Scope.OWNED).canCreateContacts(true)
                    .fields(FieldRights.FULL, STANDARD)
                    .field("lead_source", FieldRights.CREATE_ONCE)
                    .build());
            Role support = root.admin().saveRole(Role.builder("Support Agent")
                    .viewScope(Scope.ALL).updateScope(Scope.ALL)
                    .fields(FieldRights.READ_ONLY, STANDARD)
                    .field("lead_source", FieldRights.READ_ONLY)
                    .build());
            User rita = root.admin().ensureUser(new User(0, "rita", "Rita (sales)", List.of(salesRep.name()), Set.of(), true));
            User sam = root.admin().ensureUser(new User(0, "sam", "Sam (support)", List.of(support.name()), Set.of(), true));
            root.admin().saveRole(Role.builder("Sales Manager").viewScope(Scope.ALL).updateScope(Scope.ALL)
                    .canDelete(true).canCreateContacts(true)
                    .fields(FieldRights.FULL, STANDARD).fields(FieldRights.FULL, "lead_source", "contract_value")
                    .build());
            User mia = root.admin().ensureUser(new User(0, "mia", "Mia (manager)", List.of("Sales Manager"), Set.of(), true));

            CrmSession ritaSession = crm.as(rita.id());
            Contact ada = ritaSession.contacts().create(ContactDraft.builder()
                    .set("email", "ada@example.com").set("first_name", "Ada").set("last_name", "Lovelace")
                    .set("lead_source", "referral").build());
            ritaSession.contacts().create(ContactDraft.builder()
                    .set("email", "grace@example.com").set("first_name", "Grace").set("last_name", "Hopper").build());
            crm.as(mia.id()).contacts().update(ContactPatch.of(ada).set("contract_value", new BigDecimal("125000")).build());

            System.out.println("Rita (sales rep) sees:    " + ritaSession.contacts().get(ada.id()).values());
            System.out.println("Mia (sales manager) sees: " + crm.as(mia.id()).contacts().get(ada.id()).values());
            CrmSession samSession = crm.as(sam.id());
            System.out.println("Sam (support) sees:       " + samSession.contacts().get(ada.id()).values());

            try {
                ritaSession.contacts().update(ContactPatch.of(ritaSession.contacts().get(ada.id()))
                        .set("lead_source", "web").build());
            } catch (CrmException e) {
                System.out.println("Rita may not change Lead Source once set: " + e.getMessage());
            }
            try {
                samSession.contacts().list(ContactQuery.builder().filter(Filter.gt("contract_value", 1000)).build());
            } catch (CrmException e) {
                System.out.println("Sam filtering on a hidden field: " + e.getMessage());
            }
            System.out.println("Why can't Sam read Contract Value? " + samSession.policy()
                    .explain(Action.READ_FIELD, Ownership.ownedBy(rita.id()), "contract_value"));

            var page = samSession.contacts().list(ContactQuery.builder().sort(Sort.asc("last_name")).pageSize(10).build());
            System.out.println("Sam's contact list, by last name: "
                    + page.items().stream().map(c -> c.text("last_name").orElse("?")).toList());

            StringWriter csv = new StringWriter();
            long exported = samSession.export(Filter.all(), ExportFormat.CSV, csv);
            System.out.println("Sam's CSV export (" + exported + " contacts, no contract value):\n" + csv);
        }
    }
}
