package io.roostcrm.permissions;

import static io.roostcrm.permissions.SeedRoles.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The seed's "Common Scenarios", "Example Scenarios" and "Common Permission Patterns", one test per item. */
class SeedScenarioTest {

    @Nested
    class SalesRepresentative {
        private final Policy rep = policy(SALES_REP);

        @Test
        void salesRepViewsOwnAndUnassignedContactsOnly() {
            assertThat(rep.canView(OWN)).isTrue();
            assertThat(rep.canView(UNASSIGNED)).isTrue();
            assertThat(rep.canView(TEAMMATES)).isFalse();
            assertThat(rep.canView(STRANGERS)).isFalse();
            assertThat(rep.viewScope()).isEqualTo(Scope.OWNED);
        }

        @Test
        void salesRepUpdatesOwnAndUnassignedContactsOnly() {
            assertThat(rep.canUpdate(OWN)).isTrue();
            assertThat(rep.canUpdate(UNASSIGNED)).isTrue();
            assertThat(rep.canUpdate(TEAMMATES)).isFalse();
            assertThat(rep.canUpdate(STRANGERS)).isFalse();
            assertThat(rep.updateScope()).isEqualTo(Scope.OWNED);
        }

        @Test
        void salesRepCannotDeleteEvenOwnContacts() {
            for (Ownership contact : EVERY_CONTACT) {
                assertThat(rep.canDelete(contact)).as("delete %s", contact).isFalse();
            }
            assertThat(rep.deleteScope()).isEqualTo(Scope.NONE);
        }

        @Test
        void salesRepHasFullAccessToEmailNamePhoneAndCompanyOnOwnContacts() {
            for (String field : STANDARD_FIELDS) {
                assertThat(rep.canCreate(field)).as("create %s", field).isTrue();
                assertThat(rep.canRead(field, OWN)).as("read %s", field).isTrue();
                assertThat(rep.canUpdate(field, OWN)).as("update %s", field).isTrue();
                assertThat(rep.canRead(field, STRANGERS)).as("read %s of a stranger's contact", field).isFalse();
            }
        }

        @Test
        void salesRepSetsLeadSourceWhenCreatingButCannotChangeItLater() {
            assertThat(rep.canCreate(LEAD_SOURCE)).isTrue();
            assertThat(rep.canRead(LEAD_SOURCE, OWN)).isTrue();
            assertThat(rep.canUpdate(LEAD_SOURCE, OWN)).isFalse();
        }

        @Test
        void salesRepHasFullAccessToLeadStatus() {
            assertThat(rep.canCreate(LEAD_STATUS)).isTrue();
            assertThat(rep.canRead(LEAD_STATUS, OWN)).isTrue();
            assertThat(rep.canUpdate(LEAD_STATUS, OWN)).isTrue();
        }

        @Test
        void salesRepCanOnlyReadLeadScore() {
            assertThat(rep.canCreate(LEAD_SCORE)).isFalse();
            assertThat(rep.canRead(LEAD_SCORE, OWN)).isTrue();
            assertThat(rep.canUpdate(LEAD_SCORE, OWN)).isFalse();
        }

        @Test
        void salesRepCannotSeeContractValue() {
            assertThat(rep.canCreate(CONTRACT_VALUE)).isFalse();
            for (Ownership contact : EVERY_CONTACT) {
                assertThat(rep.canRead(CONTRACT_VALUE, contact)).isFalse();
                assertThat(rep.canUpdate(CONTRACT_VALUE, contact)).isFalse();
                assertThat(rep.readable(contact).contains(CONTRACT_VALUE)).isFalse();
            }
            assertThat(rep.readableAnywhere().keys()).doesNotContain(CONTRACT_VALUE);
        }

        @Test
        void salesRepHasFullAccessToSalesNotes() {
            assertThat(rep.canCreate(SALES_NOTES)).isTrue();
            assertThat(rep.canRead(SALES_NOTES, OWN)).isTrue();
            assertThat(rep.canUpdate(SALES_NOTES, OWN)).isTrue();
        }

        @Test
        void salesRepReadsExactlyTheGrantedFieldsOnOwnContactsAndNoneOnOthers() {
            assertThat(rep.readable(OWN).keys()).containsExactly(
                    EMAIL, FIRST_NAME, LAST_NAME, PHONE, COMPANY, LEAD_SOURCE, LEAD_STATUS, LEAD_SCORE, SALES_NOTES);
            assertThat(rep.updatable(OWN).keys()).containsExactly(
                    EMAIL, FIRST_NAME, LAST_NAME, PHONE, COMPANY, LEAD_STATUS, SALES_NOTES);
            assertThat(rep.creatable().keys()).containsExactly(
                    EMAIL, FIRST_NAME, LAST_NAME, PHONE, COMPANY, LEAD_SOURCE, LEAD_STATUS, SALES_NOTES);
            assertThat(rep.readable(TEAMMATES).isEmpty()).isTrue();
            assertThat(rep.readable(STRANGERS).isEmpty()).isTrue();
        }
    }

    @Nested
    class SalesManager {
        private final Policy manager = policy(SALES_MANAGER);

        @Test
        void salesManagerViewsUpdatesAndDeletesEveryContact() {
            for (Ownership contact : EVERY_CONTACT) {
                assertThat(manager.canView(contact)).as("view %s", contact).isTrue();
                assertThat(manager.canUpdate(contact)).as("update %s", contact).isTrue();
                assertThat(manager.canDelete(contact)).as("delete %s", contact).isTrue();
            }
            assertThat(manager.deletePredicate()).isEqualTo(ScopePredicate.all());
        }

        @Test
        void salesManagerHasFullAccessToEveryFieldOnEveryContact() {
            for (Ownership contact : EVERY_CONTACT) {
                assertThat(manager.readable(contact).keys()).containsExactlyElementsOf(ALL_FIELDS);
                assertThat(manager.updatable(contact).keys()).containsExactlyElementsOf(ALL_FIELDS);
            }
            assertThat(manager.creatable().keys()).containsExactlyElementsOf(ALL_FIELDS);
        }
    }

    @Nested
    class SupportAgent {
        private final Policy support = policy(SUPPORT_AGENT);

        @Test
        void supportAgentViewsAndUpdatesEveryContactButCannotDelete() {
            for (Ownership contact : EVERY_CONTACT) {
                assertThat(support.canView(contact)).isTrue();
                assertThat(support.canUpdate(contact)).isTrue();
                assertThat(support.canDelete(contact)).isFalse();
            }
        }

        @Test
        void supportAgentCanOnlyReadStandardFields() {
            for (String field : STANDARD_FIELDS) {
                assertThat(support.canCreate(field)).as("create %s", field).isFalse();
                assertThat(support.canRead(field, STRANGERS)).as("read %s", field).isTrue();
                assertThat(support.canUpdate(field, STRANGERS)).as("update %s", field).isFalse();
            }
        }

        @Test
        void supportAgentHasFullAccessToSupportTierLastSupportDateAndSupportNotes() {
            for (String field : List.of(SUPPORT_TIER, LAST_SUPPORT_DATE, SUPPORT_NOTES)) {
                assertThat(support.canCreate(field)).as("create %s", field).isTrue();
                for (Ownership contact : EVERY_CONTACT) {
                    assertThat(support.canRead(field, contact)).as("read %s", field).isTrue();
                    assertThat(support.canUpdate(field, contact)).as("update %s", field).isTrue();
                }
            }
        }

        @Test
        void supportAgentCannotSeeContractValue() {
            for (Ownership contact : EVERY_CONTACT) {
                assertThat(support.canRead(CONTRACT_VALUE, contact)).isFalse();
            }
            assertThat(support.readPredicate(CONTRACT_VALUE)).isEqualTo(ScopePredicate.none());
        }

        @Test
        void supportAgentCanOnlyReadLeadStatus() {
            assertThat(support.canRead(LEAD_STATUS, STRANGERS)).isTrue();
            assertThat(support.canUpdate(LEAD_STATUS, STRANGERS)).isFalse();
            assertThat(support.canCreate(LEAD_STATUS)).isFalse();
        }
    }

    @Nested
    class MarketingTeam {
        private final Policy marketing = policy(MARKETING_TEAM);

        @Test
        void marketingTeamViewsAndUpdatesEveryContactButCannotDelete() {
            for (Ownership contact : EVERY_CONTACT) {
                assertThat(marketing.canView(contact)).isTrue();
                assertThat(marketing.canUpdate(contact)).isTrue();
                assertThat(marketing.canDelete(contact)).isFalse();
            }
        }

        @Test
        void marketingTeamCanOnlyReadEmail() {
            assertThat(marketing.canRead(EMAIL, STRANGERS)).isTrue();
            assertThat(marketing.canUpdate(EMAIL, STRANGERS)).isFalse();
            assertThat(marketing.canCreate(EMAIL)).isFalse();
        }

        @Test
        void marketingTeamHasFullRightsOnListsAndTagsButNoneOnNotes() {
            for (EntityAction action : EntityAction.values()) {
                assertThat(marketing.can(EntityType.LIST, action)).as("list %s", action).isTrue();
                assertThat(marketing.can(EntityType.TAG, action)).as("tag %s", action).isTrue();
                assertThat(marketing.can(EntityType.LIST, action, STRANGERS)).as("list %s", action).isTrue();
                assertThat(marketing.can(EntityType.TAG, action, STRANGERS)).as("tag %s", action).isTrue();
                assertThat(marketing.can(EntityType.NOTE, action, STRANGERS)).as("note %s", action).isFalse();
            }
        }

        @Test
        void marketingTeamHasFullAccessToOptInEngagementScoreAndLastCampaign() {
            for (String field : List.of(MARKETING_OPT_IN, ENGAGEMENT_SCORE, LAST_CAMPAIGN)) {
                assertThat(marketing.canCreate(field)).as("create %s", field).isTrue();
                assertThat(marketing.canRead(field, STRANGERS)).as("read %s", field).isTrue();
                assertThat(marketing.canUpdate(field, STRANGERS)).as("update %s", field).isTrue();
            }
        }

        @Test
        void marketingTeamCanOnlyReadLeadStatus() {
            assertThat(marketing.canRead(LEAD_STATUS, STRANGERS)).isTrue();
            assertThat(marketing.canUpdate(LEAD_STATUS, STRANGERS)).isFalse();
        }

        @Test
        void marketingTeamCannotSeeContractValue() {
            for (Ownership contact : EVERY_CONTACT) {
                assertThat(marketing.canRead(CONTRACT_VALUE, contact)).isFalse();
            }
        }

        @Test
        void marketingTeamReadsOnlyTheFieldsItWasGranted() {
            assertThat(marketing.readable(STRANGERS).keys()).containsExactly(
                    EMAIL, LEAD_STATUS, MARKETING_OPT_IN, ENGAGEMENT_SCORE, LAST_CAMPAIGN);
        }
    }

    @Nested
    class ExampleScenarios {

        @Test
        void salesRepWhoReadsContractValueSeesItOnOwnContactsOnlyAndCannotEditIt() {
            Policy rep = policy(SALES_REP_READING_CONTRACT_VALUE);

            assertThat(rep.canRead(CONTRACT_VALUE, OWN)).isTrue();
            assertThat(rep.canRead(CONTRACT_VALUE, UNASSIGNED)).isTrue();
            assertThat(rep.canRead(CONTRACT_VALUE, TEAMMATES)).isFalse();
            assertThat(rep.canRead(CONTRACT_VALUE, STRANGERS)).isFalse();
            for (Ownership contact : EVERY_CONTACT) {
                assertThat(rep.canUpdate(CONTRACT_VALUE, contact)).isFalse();
            }
            assertThat(rep.explain(Action.UPDATE_FIELD, OWN, CONTRACT_VALUE))
                    .isEqualTo(new Decision.Denied(Rule.MISSING_FIELD_RIGHT));
        }

        @Test
        void salesManagerSeesAndEditsContractValueOnAllContacts() {
            Policy manager = policy(SALES_MANAGER);

            for (Ownership contact : EVERY_CONTACT) {
                assertThat(manager.canRead(CONTRACT_VALUE, contact)).isTrue();
                assertThat(manager.canUpdate(CONTRACT_VALUE, contact)).isTrue();
            }
            assertThat(manager.readPredicate(CONTRACT_VALUE)).isEqualTo(ScopePredicate.all());
        }

        @Test
        void supportAgentCannotSeeContractValueOnAnyContact() {
            Policy support = policy(SUPPORT_AGENT);

            for (Ownership contact : EVERY_CONTACT) {
                assertThat(support.canRead(CONTRACT_VALUE, contact)).isFalse();
                assertThat(support.readable(contact).contains(CONTRACT_VALUE)).isFalse();
            }
            assertThat(support.explain(Action.READ_FIELD, OWN, CONTRACT_VALUE))
                    .isEqualTo(new Decision.Denied(Rule.MISSING_FIELD_RIGHT));
        }
    }

    @Nested
    class CommonPermissionPatterns {
        private static final String FIELD = "lead_status";

        private Policy withPattern(FieldRights pattern) {
            return policy(Role.builder("pattern").viewScope(Scope.ALL).updateScope(Scope.ALL)
                    .field(FIELD, pattern).build());
        }

        @Test
        void fullAccessPatternGrantsCreateReadAndUpdate() {
            Policy policy = withPattern(FieldRights.FULL);
            assertThat(policy.canCreate(FIELD)).isTrue();
            assertThat(policy.canRead(FIELD, STRANGERS)).isTrue();
            assertThat(policy.canUpdate(FIELD, STRANGERS)).isTrue();
        }

        @Test
        void readOnlyPatternGrantsReadOnly() {
            Policy policy = withPattern(FieldRights.READ_ONLY);
            assertThat(policy.canCreate(FIELD)).isFalse();
            assertThat(policy.canRead(FIELD, STRANGERS)).isTrue();
            assertThat(policy.canUpdate(FIELD, STRANGERS)).isFalse();
        }

        @Test
        void createOncePatternGrantsCreateAndReadButNotUpdate() {
            Policy policy = withPattern(FieldRights.CREATE_ONCE);
            assertThat(policy.canCreate(FIELD)).isTrue();
            assertThat(policy.canRead(FIELD, STRANGERS)).isTrue();
            assertThat(policy.canUpdate(FIELD, STRANGERS)).isFalse();
        }

        @Test
        void noAccessPatternHidesTheFieldCompletely() {
            Policy policy = withPattern(FieldRights.NONE);
            assertThat(policy.canCreate(FIELD)).isFalse();
            assertThat(policy.canRead(FIELD, STRANGERS)).isFalse();
            assertThat(policy.canUpdate(FIELD, STRANGERS)).isFalse();
            assertThat(policy.readableAnywhere().keys()).doesNotContain(FIELD);
            assertThat(policy.readScope(FIELD)).isEqualTo(Scope.NONE);
        }
    }
}
