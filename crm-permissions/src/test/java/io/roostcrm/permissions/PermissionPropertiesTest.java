package io.roostcrm.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the compiled engine, each checked on {@value RandomCase#CASES} generated cases (random registries,
 * roles, subjects and contacts; see {@link RandomCase}). The seed comes from {@code -Droost.seed}, else a fixed
 * default; every case's name carries the seed and case number, and {@code -Droost.case=<n>} replays one case.
 */
class PermissionPropertiesTest {

    private static final long AUTHOR_OTHER = Long.MAX_VALUE;

    @BeforeAll
    static void printSeed() {
        System.out.println("PermissionPropertiesTest: roost.seed=" + RandomCase.runSeed()
                + " (replay with -Droost.seed=" + RandomCase.runSeed() + ")");
    }

    static Stream<RandomCase> readCases() {
        return RandomCase.cases("read", false);
    }

    static Stream<RandomCase> updateCases() {
        return RandomCase.cases("update", false);
    }

    static Stream<RandomCase> superAdminCases() {
        return RandomCase.cases("superAdmin", true);
    }

    static Stream<RandomCase> monotonicCases() {
        return RandomCase.cases("monotonic", false);
    }

    static Stream<RandomCase> naiveCases() {
        return RandomCase.cases("naive", false);
    }

    static Stream<RandomCase> explainCases() {
        return RandomCase.cases("explain", false);
    }

    private static Policy compile(RandomCase c) {
        return PermissionEngine.over(c.fields()).policy(c.subject());
    }

    // ---- (a) ------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("readCases")
    void fieldIsReadableIffOneRoleGrantsReadAndItsViewScopeCoversTheContact(RandomCase c) {
        Policy policy = compile(c);
        NaivePolicy naive = new NaivePolicy(c.fields(), c.subject());
        for (String key : c.keysToAsk()) {
            for (Ownership contact : c.contacts()) {
                boolean oneRoleGrants = c.fields().contains(key) && c.subject().roles().stream()
                        .anyMatch(r -> r.fieldRights(key).read() && naive.covers(r.viewScope(), contact));
                assertThat(policy.canRead(key, contact)).as("%s: read %s on %s", c, key, contact)
                        .isEqualTo(oneRoleGrants);
            }
        }
    }

    // ---- (b) ------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("updateCases")
    void updateImpliesReadUpdateScopeAndAWritableField(RandomCase c) {
        Policy policy = compile(c);
        for (String key : c.keysToAsk()) {
            boolean writable = c.fields().find(key).map(f -> !f.readOnly()).orElse(false) || policy.isSuperAdmin();
            for (Ownership contact : c.contacts()) {
                boolean update = policy.canUpdate(key, contact);
                assertThat(!update || policy.canRead(key, contact)).as("%s: update %s without read on %s", c, key, contact)
                        .isTrue();
                assertThat(!update || policy.canUpdate(contact)).as("%s: update %s outside update scope on %s", c, key, contact)
                        .isTrue();
                assertThat(!update || writable).as("%s: update read-only %s on %s", c, key, contact).isTrue();
            }
            assertThat(!policy.canCreate(key) || writable).as("%s: create read-only %s", c, key).isTrue();
        }
    }

    // ---- (c) ------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("superAdminCases")
    void superAdminMayDoEverything(RandomCase c) {
        Policy policy = compile(c);
        List<String> every = c.fields().fields().stream().map(FieldDescriptor::key).toList();

        assertThat(policy.isSuperAdmin()).as("%s", c).isTrue();
        assertThat(policy.canCreateContact()).as("%s", c).isTrue();
        assertThat(policy.creatable().keys()).as("%s", c).isEqualTo(every);
        assertThat(policy.viewPredicate()).as("%s", c).isEqualTo(ScopePredicate.all());
        for (String key : every) {
            assertThat(policy.canCreate(key)).as("%s: create %s", c, key).isTrue();
            assertThat(policy.readScope(key)).as("%s: read scope of %s", c, key).isEqualTo(Scope.ALL);
            assertThat(policy.explain(Action.UPDATE_FIELD, Ownership.unassigned(), key).rule())
                    .as("%s: explain update %s", c, key).isEqualTo(Rule.SUPER_ADMIN);
        }
        for (Ownership contact : c.contacts()) {
            assertThat(policy.canView(contact)).as("%s: view %s", c, contact).isTrue();
            assertThat(policy.canUpdate(contact)).as("%s: update %s", c, contact).isTrue();
            assertThat(policy.canDelete(contact)).as("%s: delete %s", c, contact).isTrue();
            assertThat(policy.readable(contact).keys()).as("%s: readable on %s", c, contact).isEqualTo(every);
            assertThat(policy.updatable(contact).keys()).as("%s: updatable on %s", c, contact).isEqualTo(every);
            for (String key : every) {
                assertThat(policy.canRead(key, contact)).as("%s: read %s", c, key).isTrue();
                assertThat(policy.canUpdate(key, contact)).as("%s: update %s", c, key).isTrue();
            }
            for (EntityType type : EntityType.values()) {
                for (EntityAction action : EntityAction.values()) {
                    assertThat(policy.can(type, action, contact)).as("%s: %s %s", c, type, action).isTrue();
                    assertThat(policy.can(type, action)).as("%s: %s %s", c, type, action).isTrue();
                    if (isNoteChange(action)) {
                        assertThat(policy.canChangeNote(action, AUTHOR_OTHER, contact)).as("%s: note %s", c, action).isTrue();
                    }
                }
            }
        }
        for (String unknown : c.unknownKeys()) {
            assertThat(policy.canRead(unknown, Ownership.unassigned())).as("%s: unknown %s", c, unknown).isFalse();
        }
    }

    // ---- (d) ------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("monotonicCases")
    void addingARoleNeverRemovesARight(RandomCase c) {
        PermissionEngine engine = PermissionEngine.over(c.fields());
        Policy before = engine.policy(c.subject());
        Policy after = engine.policy(c.withExtraRole());

        assertThat(implies(before.isSuperAdmin(), after.isSuperAdmin())).as("%s: super admin", c).isTrue();
        assertThat(implies(before.canCreateContact(), after.canCreateContact())).as("%s: create contact", c).isTrue();
        for (String key : c.keysToAsk()) {
            assertThat(implies(before.canCreate(key), after.canCreate(key))).as("%s: create %s", c, key).isTrue();
        }
        assertThat(after.creatable().keys()).as("%s", c).containsAll(before.creatable().keys());
        for (Ownership contact : c.contacts()) {
            String on = " on " + contact;
            assertThat(implies(before.canView(contact), after.canView(contact))).as("%s: view%s", c, on).isTrue();
            assertThat(implies(before.canUpdate(contact), after.canUpdate(contact))).as("%s: update%s", c, on).isTrue();
            assertThat(implies(before.canDelete(contact), after.canDelete(contact))).as("%s: delete%s", c, on).isTrue();
            for (String key : c.keysToAsk()) {
                assertThat(implies(before.canRead(key, contact), after.canRead(key, contact)))
                        .as("%s: read %s%s", c, key, on).isTrue();
                assertThat(implies(before.canUpdate(key, contact), after.canUpdate(key, contact)))
                        .as("%s: update %s%s", c, key, on).isTrue();
            }
            assertThat(after.readable(contact).keys()).as("%s: readable%s", c, on)
                    .containsAll(before.readable(contact).keys());
            assertThat(after.updatable(contact).keys()).as("%s: updatable%s", c, on)
                    .containsAll(before.updatable(contact).keys());
            for (EntityType type : EntityType.values()) {
                for (EntityAction action : EntityAction.values()) {
                    assertThat(implies(before.can(type, action, contact), after.can(type, action, contact)))
                            .as("%s: %s %s%s", c, type, action, on).isTrue();
                    assertThat(implies(before.can(type, action), after.can(type, action)))
                            .as("%s: %s %s anywhere", c, type, action).isTrue();
                    long author = c.subject().userId();
                    if (isNoteChange(action)) {
                        assertThat(implies(before.canChangeNote(action, author, contact),
                                after.canChangeNote(action, author, contact)))
                                .as("%s: author's note %s%s", c, action, on).isTrue();
                    }
                }
            }
        }
    }

    private static boolean implies(boolean a, boolean b) {
        return !a || b;
    }

    // ---- (e) ------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("naiveCases")
    void compiledPolicyAgreesWithNaiveEvaluator(RandomCase c) {
        Policy policy = compile(c);
        NaivePolicy naive = new NaivePolicy(c.fields(), c.subject());

        assertThat(policy.isSuperAdmin()).as("%s: super admin", c).isEqualTo(naive.isSuperAdmin());
        assertThat(policy.canCreateContact()).as("%s: create contact", c).isEqualTo(naive.canCreateContact());
        assertThat(policy.creatable().keys()).as("%s: creatable", c).isEqualTo(naive.creatable());
        assertThat(policy.readableAnywhere().keys()).as("%s: readable anywhere", c).isEqualTo(naive.readableAnywhere());
        for (String key : c.keysToAsk()) {
            assertThat(policy.canCreate(key)).as("%s: create %s", c, key).isEqualTo(naive.canCreate(key));
        }
        for (EntityType type : EntityType.values()) {
            for (EntityAction action : EntityAction.values()) {
                assertThat(policy.can(type, action)).as("%s: %s %s anywhere", c, type, action)
                        .isEqualTo(naive.can(type, action));
            }
        }
        for (Ownership contact : c.contacts()) {
            String on = " on " + contact;
            ScopeClass cls = policy.classify(contact);
            assertThat(policy.canView(contact)).as("%s: view%s", c, on).isEqualTo(naive.canView(contact));
            assertThat(policy.canUpdate(contact)).as("%s: update%s", c, on).isEqualTo(naive.canUpdate(contact));
            assertThat(policy.canDelete(contact)).as("%s: delete%s", c, on).isEqualTo(naive.canDelete(contact));
            assertThat(policy.canView(cls)).as("%s: view class%s", c, on).isEqualTo(naive.canView(contact));
            assertThat(policy.canUpdate(cls)).as("%s: update class%s", c, on).isEqualTo(naive.canUpdate(contact));
            assertThat(policy.canDelete(cls)).as("%s: delete class%s", c, on).isEqualTo(naive.canDelete(contact));
            assertThat(policy.viewPredicate().matches(contact)).as("%s: view predicate%s", c, on)
                    .isEqualTo(naive.canView(contact));
            assertThat(policy.updatePredicate().matches(contact)).as("%s: update predicate%s", c, on)
                    .isEqualTo(naive.canUpdate(contact));
            assertThat(policy.deletePredicate().matches(contact)).as("%s: delete predicate%s", c, on)
                    .isEqualTo(naive.canDelete(contact));

            assertThat(policy.readable(contact).keys()).as("%s: readable%s", c, on).isEqualTo(naive.readable(contact));
            assertThat(policy.updatable(contact).keys()).as("%s: updatable%s", c, on).isEqualTo(naive.updatable(contact));
            assertNextIndexScansTheSet(c, policy.readable(contact));
            assertNextIndexScansTheSet(c, policy.updatable(contact));
            assertThat(policy.readable(cls)).as("%s: readable class%s", c, on).isEqualTo(policy.readable(contact));
            assertThat(policy.updatable(cls)).as("%s: updatable class%s", c, on).isEqualTo(policy.updatable(contact));

            for (String key : c.keysToAsk()) {
                boolean read = naive.canRead(key, contact);
                boolean update = naive.canUpdate(key, contact);
                assertThat(policy.canRead(key, contact)).as("%s: read %s%s", c, key, on).isEqualTo(read);
                assertThat(policy.canRead(key, cls)).as("%s: read %s class%s", c, key, on).isEqualTo(read);
                assertThat(policy.canUpdate(key, contact)).as("%s: update %s%s", c, key, on).isEqualTo(update);
                assertThat(policy.canUpdate(key, cls)).as("%s: update %s class%s", c, key, on).isEqualTo(update);
                int index = c.fields().indexOf(key);
                if (index >= 0) {
                    assertThat(policy.canRead(index, cls)).as("%s: read #%s%s", c, index, on).isEqualTo(read);
                }
                assertThat(policy.readPredicate(key).matches(contact)).as("%s: read predicate %s%s", c, key, on)
                        .isEqualTo(read);
                assertThat(policy.predicate(policy.updateScope(key)).matches(contact))
                        .as("%s: update predicate %s%s", c, key, on).isEqualTo(update);
            }
            for (EntityType type : EntityType.values()) {
                for (EntityAction action : EntityAction.values()) {
                    assertThat(policy.can(type, action, contact)).as("%s: %s %s%s", c, type, action, on)
                            .isEqualTo(naive.can(type, action, contact));
                    assertThat(policy.predicate(policy.entityScope(type, action)).matches(contact))
                            .as("%s: %s %s predicate%s", c, type, action, on)
                            .isEqualTo(naive.can(type, action, contact));
                }
            }
            for (EntityAction action : new EntityAction[] {EntityAction.UPDATE, EntityAction.DELETE}) {
                for (long author : new long[] {c.subject().userId(), AUTHOR_OTHER}) {
                    assertThat(policy.canChangeNote(action, author, contact))
                            .as("%s: note %s by %s%s", c, action, author, on)
                            .isEqualTo(naive.canChangeNote(action, author, contact));
                    assertThat(policy.explainNoteChange(action, author, contact).isAllowed())
                            .as("%s: explained note %s by %s%s", c, action, author, on)
                            .isEqualTo(naive.canChangeNote(action, author, contact));
                }
            }
        }
    }

    /** nextIndex(from) is the first member at or after max(from, 0), or -1; size() counts the members. */
    private static void assertNextIndexScansTheSet(RandomCase c, FieldSet set) {
        int fields = set.registry().size();
        int members = 0;
        for (int from = -2; from <= fields + 2; from++) {
            int expected = -1;
            for (int i = Math.max(from, 0); i < fields; i++) {
                if (set.contains(i)) {
                    expected = i;
                    break;
                }
            }
            assertThat(set.nextIndex(from)).as("%s: %s.nextIndex(%s)", c, set, from).isEqualTo(expected);
            if (from >= 0 && from < fields && set.contains(from)) {
                members++;
            }
        }
        assertThat(set.size()).as("%s: %s.size()", c, set).isEqualTo(members);
    }

    // ---- explain --------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("explainCases")
    void explainAgreesWithTheBooleanMethodsAndNamesTheGrantingRoles(RandomCase c) {
        Policy policy = compile(c);
        NaivePolicy naive = new NaivePolicy(c.fields(), c.subject());
        for (Ownership contact : c.contacts()) {
            String on = " on " + contact;
            for (Action action : Action.values()) {
                List<String> keys = action == Action.READ_FIELD || action == Action.UPDATE_FIELD
                        || action == Action.CREATE_FIELD ? c.keysToAsk() : List.of("");
                for (String key : keys) {
                    Decision decision = policy.explain(action, contact, key);
                    String what = c + ": explain " + action + " '" + key + "'" + on + " = " + decision;
                    assertThat(decision.isAllowed()).as(what).isEqualTo(booleanAnswer(policy, action, contact, key));
                    assertThat(policy.explain(action, policy.classify(contact), key)).as(what).isEqualTo(decision);
                    checkRule(c, naive, decision, naive.grantingRoles(action, contact, key), what);
                    if (!decision.isAllowed() && !c.fields().contains(key) && !key.isEmpty()) {
                        assertThat(decision.rule()).as(what).isEqualTo(Rule.UNKNOWN_FIELD);
                    }
                }
            }
            for (EntityType type : EntityType.values()) {
                for (EntityAction action : EntityAction.values()) {
                    Decision decision = policy.explain(type, action, contact);
                    String what = c + ": explain " + type + " " + action + on + " = " + decision;
                    assertThat(decision.isAllowed()).as(what).isEqualTo(policy.can(type, action, contact));
                    checkRule(c, naive, decision, naive.grantingRoles(type, action, contact), what);
                }
            }
        }
    }

    private static boolean booleanAnswer(Policy policy, Action action, Ownership contact, String key) {
        return switch (action) {
            case VIEW_CONTACT -> policy.canView(contact);
            case CREATE_CONTACT -> policy.canCreateContact();
            case UPDATE_CONTACT -> policy.canUpdate(contact);
            case DELETE_CONTACT -> policy.canDelete(contact);
            case READ_FIELD -> policy.canRead(key, contact);
            case CREATE_FIELD -> policy.canCreate(key);
            case UPDATE_FIELD -> policy.canUpdate(key, contact);
        };
    }

    private static void checkRule(RandomCase c, NaivePolicy naive, Decision decision, List<String> granting, String what) {
        if (decision instanceof Decision.Allowed allowed) {
            if (naive.isSuperAdmin()) {
                assertThat(allowed.rule()).as(what).isEqualTo(Rule.SUPER_ADMIN);
                assertThat(allowed.roles()).as(what).isNotEmpty()
                        .allMatch(name -> c.subject().roles().stream()
                                .anyMatch(r -> r.name().equals(name) && r.isSuperAdmin()));
            } else {
                assertThat(allowed.rule()).as(what).isEqualTo(Rule.ROLE_GRANT);
                assertThat(allowed.roles()).as(what).containsExactlyInAnyOrderElementsOf(granting);
            }
        } else {
            assertThat(granting).as(what).isEmpty();
            assertThat(decision.rule()).as(what)
                    .isNotIn(Rule.SUPER_ADMIN, Rule.ROLE_GRANT, Rule.NOTE_AUTHOR);
        }
    }

    private static boolean isNoteChange(EntityAction action) {
        return action == EntityAction.UPDATE || action == EntityAction.DELETE;
    }
}
