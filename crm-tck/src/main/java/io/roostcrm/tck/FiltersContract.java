package io.roostcrm.tck;

import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.permissions.ScopePredicate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.CITY;
import static io.roostcrm.core.field.StandardFields.COMPANY;
import static io.roostcrm.core.field.StandardFields.DATE_OF_BIRTH;
import static io.roostcrm.core.field.StandardFields.EMAIL;
import static io.roostcrm.core.field.StandardFields.FIRST_NAME;
import static io.roostcrm.core.field.StandardFields.STATUS;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Filters go down to the store as data (DESIGN.md §4) and must mean the same on every store: each comparison, text
 * match, emptiness, group, owner and id leaf, on standard and custom fields, combined with two-valued logic (the
 * negation of a leaf matches the rows without a value). The six contacts of the fixture are chosen so that a wrong
 * operator, a case-sensitive match, a LIKE metacharacter taken as a wildcard or SQL's three-valued logic changes a
 * result.
 */
abstract class FiltersContract extends KitSupport {

    private final Map<String, Long> id = new LinkedHashMap<>();
    private ContactGroup list;
    private ContactGroup tag;
    private Stage stage;

    FiltersContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @BeforeEach
    void givenContacts() {
        givenUsers(1, 2, 3);
        defineIfDeclared(FieldDefinition.custom("score", FieldType.NUMBER).build());
        defineIfDeclared(FieldDefinition.custom("renewal", FieldType.DATE).build());
        defineIfDeclared(FieldDefinition.custom("last_call", FieldType.DATETIME).build());
        defineIfDeclared(FieldDefinition.custom("vip", FieldType.CHECKBOX).build());
        defineIfDeclared(FieldDefinition.custom("nickname", FieldType.TEXT).build());
        defineIfDeclared(FieldDefinition.custom("colours", FieldType.MULTI_SELECT)
                .options("red", "green", "blue").build());
        defineIfDeclared(FieldDefinition.custom("tier", FieldType.SELECT).options("gold", "silver").build());
        Set<String> custom = fieldDefinitions().stream().map(FieldDefinition::key)
                .collect(Collectors.toSet());
        stage = givenStage("Contacted", 1);

        id.put("A", insert(1, only(custom, values(EMAIL, "a@example.com", FIRST_NAME, "anna",
                COMPANY, "Acme 100% Ltd", DATE_OF_BIRTH, LocalDate.of(1980, 5, 1), STATUS, "subscribed",
                StandardFields.STAGE, stage.id(),
                "score", new BigDecimal("10"), "renewal", LocalDate.of(2020, 1, 1),
                "last_call", LocalDateTime.of(2020, 1, 1, 10, 0, 0), "vip", true, "nickname", "alpha",
                "colours", List.of("red", "green"), "tier", "gold"))).id());
        id.put("B", insert(2, only(custom, values(EMAIL, "b@example.com", FIRST_NAME, "bob",
                COMPANY, "ACME_Corp", DATE_OF_BIRTH, LocalDate.of(1990, 1, 1), STATUS, "pending",
                "score", new BigDecimal("-5.5"), "renewal", LocalDate.of(2021, 6, 15),
                "last_call", LocalDateTime.of(2021, 6, 15, 12, 30, 45), "vip", false, "nickname", "beta",
                "colours", List.of("blue"), "tier", "silver"))).id());
        id.put("C", insert(0, only(custom, values(EMAIL, "c@example.com", FIRST_NAME, "carla",
                COMPANY, "Globex", DATE_OF_BIRTH, LocalDate.of(2000, 12, 31), STATUS, "subscribed",
                "score", new BigDecimal("0"), "renewal", LocalDate.of(2019, 12, 31),
                "last_call", LocalDateTime.of(2019, 12, 31, 23, 59, 59), "vip", true, "nickname", "gamma",
                "colours", List.of("green")))).id());
        id.put("D", insert(1, only(custom, values(EMAIL, "d@example.com", FIRST_NAME, "dave",
                COMPANY, "acme\\backslash", "score", new BigDecimal("999999999999999.999999")))).id());
        id.put("E", insert(0, values(EMAIL, "e@example.com")).id());
        id.put("F", insert(3, only(custom, values(EMAIL, "f@example.com", FIRST_NAME, "eve",
                COMPANY, "100 percent", "score", new BigDecimal("10.000"), "nickname", "ALPHA-two", "vip", false,
                "last_call", LocalDateTime.of(2020, 1, 1, 10, 0, 1)))).id());

        // The tag is created first so that, where lists and tags are numbered separately, both may get id 1:
        // then only the kind tells the two memberships apart.
        tag = givenGroup(GroupKind.TAG, "Hot");
        list = givenGroup(GroupKind.LIST, "Newsletter");
        runInTransaction(tx -> {
            tx.groups(GroupKind.LIST).add(id.get("A"), list.id());
            tx.groups(GroupKind.LIST).add(id.get("B"), list.id());
            tx.groups(GroupKind.TAG).add(id.get("B"), tag.id());
            tx.groups(GroupKind.TAG).add(id.get("C"), tag.id());
        });
    }

    @Test
    @DisplayName("Compare on a standard text field: every operator; NE and LT never match a row without a value")
    void compareText() {
        assertFilters(
                Filter.eq(FIRST_NAME, "bob"), "B",
                Filter.ne(FIRST_NAME, "bob"), "ACDF",
                Filter.lt(FIRST_NAME, "carla"), "AB",
                Filter.le(FIRST_NAME, "carla"), "ABC",
                Filter.gt(FIRST_NAME, "carla"), "DF",
                Filter.ge(FIRST_NAME, "carla"), "CDF",
                Filter.eq(EMAIL, "c@example.com"), "C",
                Filter.eq(STATUS, "subscribed"), "AC",
                Filter.eq(FIRST_NAME, "nobody"), "");
    }

    @Test
    @DisplayName("Compare on a custom number field: every operator, by numeric value, at the edges of the range")
    void compareNumber() {
        assumeType(FieldType.NUMBER);
        assertFilters(
                Filter.eq("score", new BigDecimal("10")), "AF",
                Filter.eq("score", new BigDecimal("10.00")), "AF",
                Filter.ne("score", new BigDecimal("10")), "BCD",
                Filter.lt("score", BigDecimal.ZERO), "B",
                Filter.le("score", BigDecimal.ZERO), "BC",
                Filter.gt("score", new BigDecimal("10")), "D",
                Filter.ge("score", new BigDecimal("10")), "ADF",
                Filter.lt("score", new BigDecimal("-5")), "B",
                Filter.gt("score", new BigDecimal("2")), "ADF",
                Filter.eq("score", new BigDecimal("999999999999999.999999")), "D",
                Filter.lt("score", new BigDecimal("999999999999999.999999")), "ABCF");
    }

    @Test
    @DisplayName("Compare on standard and custom date fields: every operator")
    void compareDate() {
        assertFilters(
                Filter.eq(DATE_OF_BIRTH, LocalDate.of(1990, 1, 1)), "B",
                Filter.ne(DATE_OF_BIRTH, LocalDate.of(1990, 1, 1)), "AC",
                Filter.lt(DATE_OF_BIRTH, LocalDate.of(1990, 1, 1)), "A",
                Filter.le(DATE_OF_BIRTH, LocalDate.of(1990, 1, 1)), "AB",
                Filter.gt(DATE_OF_BIRTH, LocalDate.of(1990, 1, 1)), "C",
                Filter.ge(DATE_OF_BIRTH, LocalDate.of(1990, 1, 1)), "BC");
        assumeType(FieldType.DATE);
        assertFilters(
                Filter.eq("renewal", LocalDate.of(2020, 1, 1)), "A",
                Filter.ne("renewal", LocalDate.of(2020, 1, 1)), "BC",
                Filter.lt("renewal", LocalDate.of(2020, 1, 1)), "C",
                Filter.le("renewal", LocalDate.of(2020, 1, 1)), "AC",
                Filter.gt("renewal", LocalDate.of(2020, 1, 1)), "B",
                Filter.ge("renewal", LocalDate.of(2020, 1, 1)), "AB");
    }

    @Test
    @DisplayName("Compare on a custom date-time field: every operator, to the second")
    void compareDateTime() {
        assumeType(FieldType.DATETIME);
        LocalDateTime ten = LocalDateTime.of(2020, 1, 1, 10, 0, 0);
        assertFilters(
                Filter.eq("last_call", ten), "A",
                Filter.ne("last_call", ten), "BCF",
                Filter.lt("last_call", ten), "C",
                Filter.le("last_call", ten), "AC",
                Filter.gt("last_call", ten), "BF",
                Filter.ge("last_call", ten), "ABF",
                Filter.eq("last_call", ten.plusSeconds(1)), "F");
    }

    @Test
    @DisplayName("Compare on a custom check box: EQ and NE; a row without a value is neither true nor false")
    void compareCheckbox() {
        assumeType(FieldType.CHECKBOX);
        assertFilters(
                Filter.eq("vip", true), "AC",
                Filter.eq("vip", false), "BF",
                Filter.ne("vip", true), "BF",
                Filter.ne("vip", false), "AC",
                Filter.not(Filter.eq("vip", true)), "BDEF");
    }

    @Test
    @DisplayName("Compare on the stage field and a custom select field")
    void compareStageAndSelect() {
        assertFilters(
                Filter.eq(StandardFields.STAGE, stage.id()), "A",
                Filter.not(Filter.eq(StandardFields.STAGE, stage.id())), "BCDEF");
        assumeType(FieldType.SELECT);
        assertFilters(
                Filter.eq("tier", "gold"), "A",
                Filter.ne("tier", "gold"), "B",
                Filter.in("tier", List.of("gold", "silver")), "AB");
    }

    @Test
    @DisplayName("Equality on text is exact: case counts for EQ, NE and In, beyond ASCII too")
    void textEqualityIsExact() {
        long emile = insert(values(EMAIL, "emile@example.com", FIRST_NAME, "ÉMILE", CITY, "Örebro")).id();
        id.put("G", emile);

        assertFilters(
                Filter.eq(FIRST_NAME, "Bob"), "",
                Filter.eq(FIRST_NAME, "BOB"), "",
                Filter.ne(FIRST_NAME, "BOB"), "ABCDFG",
                Filter.in(FIRST_NAME, List.of("ANNA", "eve")), "F",
                Filter.eq(FIRST_NAME, "ÉMILE"), "G",
                Filter.eq(FIRST_NAME, "émile"), "",
                Filter.eq(FIRST_NAME, "Émile"), "",
                Filter.in(CITY, List.of("örebro", "ÖREBRO")), "",
                Filter.ne(CITY, "örebro"), "G",
                Filter.eq(COMPANY, "acme_corp"), "",
                Filter.eq(COMPANY, "ACME_Corp"), "B");
        assumeType(FieldType.TEXT);
        assertFilters(
                Filter.eq("nickname", "alpha"), "A",
                Filter.eq("nickname", "ALPHA"), "",
                Filter.eq("nickname", "alpha-two"), "",
                Filter.in("nickname", List.of("Alpha", "ALPHA-two")), "F",
                Filter.ne("nickname", "ALPHA"), "ABCF");
    }

    @Test
    @DisplayName("In matches any of the values, on text, number and date fields")
    void in() {
        assertFilters(
                Filter.in(FIRST_NAME, List.of("anna", "eve", "nobody")), "AF",
                Filter.in(STATUS, List.of("subscribed", "pending")), "ABC",
                Filter.in(DATE_OF_BIRTH, List.of(LocalDate.of(2000, 12, 31))), "C",
                Filter.not(Filter.in(FIRST_NAME, List.of("anna", "bob"))), "CDEF");
        assumeType(FieldType.NUMBER);
        assertFilters(
                Filter.in("score", List.of(BigDecimal.ZERO, new BigDecimal("-5.5"))), "BC",
                Filter.in("score", List.of(new BigDecimal("10.0"))), "AF");
    }

    @Test
    @DisplayName("Text CONTAINS and STARTS_WITH ignore case and match %, _ and \\ literally")
    void textMatchesLiterallyIgnoringCase() {
        assertFilters(
                Filter.contains(COMPANY, "acme"), "ABD",
                Filter.contains(COMPANY, "ACME"), "ABD",
                Filter.startsWith(COMPANY, "ACME"), "ABD",
                Filter.startsWith(COMPANY, "glo"), "C",
                Filter.contains(COMPANY, "100%"), "A",
                Filter.contains(COMPANY, "%"), "A",
                Filter.contains(COMPANY, "_"), "B",
                Filter.startsWith(COMPANY, "acme_"), "B",
                Filter.startsWith(COMPANY, "%"), "",
                Filter.contains(COMPANY, "\\"), "D",
                Filter.contains(COMPANY, "\\b"), "D",
                Filter.startsWith(COMPANY, "100"), "F",
                Filter.contains(EMAIL, "A@EXAMPLE"), "A",
                Filter.not(Filter.contains(COMPANY, "acme")), "CEF");
        assumeType(FieldType.TEXT);
        assertFilters(
                Filter.contains("nickname", "ALPHA"), "AF",
                Filter.startsWith("nickname", "alpha-"), "F",
                Filter.contains("nickname", "a_"), "");
    }

    @Test
    @DisplayName("Text matching ignores case beyond ASCII too (É and é, Ö and ö)")
    void textIgnoresCaseBeyondAscii() {
        long emile = insert(values(EMAIL, "emile@example.com", FIRST_NAME, "ÉMILE", CITY, "Örebro")).id();
        id.put("G", emile);

        assertFilters(
                Filter.contains(FIRST_NAME, "émile"), "G",
                Filter.startsWith(CITY, "öre"), "G",
                Filter.contains(CITY, "REBRO"), "G");
    }

    @Test
    @DisplayName("IsEmpty matches exactly the rows without a value, on standard and custom fields")
    void isEmpty() {
        assertFilters(
                Filter.isEmpty(FIRST_NAME), "E",
                Filter.isEmpty(DATE_OF_BIRTH), "DEF",
                Filter.isEmpty(StandardFields.STAGE), "BCDEF",
                Filter.not(Filter.isEmpty(FIRST_NAME)), "ABCDF");
        // Each custom check runs where its type is declared, so a store without one type keeps the others.
        if (store().capabilities().supports(FieldType.NUMBER)) {
            assertFilters(Filter.isEmpty("score"), "E");
        }
        if (store().capabilities().supports(FieldType.MULTI_SELECT)) {
            assertFilters(Filter.isEmpty("colours"), "DEF");
        }
        assumeType(FieldType.CHECKBOX);
        assertFilters(Filter.isEmpty("vip"), "DE");
    }

    @Test
    @DisplayName("a cleared value counts as empty")
    void clearedValueIsEmpty() {
        long a = id.get("A");
        inTransaction(tx -> tx.contacts().update(new ContactChange(a, 1, Map.of(), Set.of(FIRST_NAME), CHANGED)));

        assertFilters(
                Filter.isEmpty(FIRST_NAME), "AE",
                Filter.not(Filter.eq(FIRST_NAME, "anna")), "ABCDEF",
                Filter.eq(FIRST_NAME, "anna"), "");
    }

    @Test
    @DisplayName("MULTI_SELECT EQ means 'contains the option'")
    void multiSelectContains() {
        assumeType(FieldType.MULTI_SELECT);
        assertFilters(
                Filter.eq("colours", "green"), "AC",
                Filter.eq("colours", "blue"), "B",
                Filter.eq("colours", "red"), "A",
                Filter.not(Filter.eq("colours", "green")), "BDEF",
                Filter.or(Filter.eq("colours", "red"), Filter.eq("colours", "blue")), "AB",
                Filter.or(Filter.eq("colours", "red"), Filter.eq("colours", "green")), "AC",
                Filter.and(Filter.eq("colours", "red"), Filter.eq("colours", "green")), "A");
    }

    @Test
    @DisplayName("InGroup matches the members of a list or of a tag, never of the other kind")
    void inGroup() {
        assertFilters(
                new Filter.InGroup(GroupKind.LIST, list.id()), "AB",
                new Filter.InGroup(GroupKind.TAG, tag.id()), "BC",
                Filter.not(new Filter.InGroup(GroupKind.LIST, list.id())), "CDEF",
                Filter.and(new Filter.InGroup(GroupKind.LIST, list.id()),
                        new Filter.InGroup(GroupKind.TAG, tag.id())), "B",
                new Filter.InGroup(GroupKind.LIST, 987_654_321L), "");
    }

    @Test
    @DisplayName("OwnerIs matches the owner's contacts; OwnerIs(0) the unassigned ones")
    void ownerIs() {
        assertFilters(
                Filter.ownedBy(1), "AD",
                Filter.ownedBy(2), "B",
                Filter.unassigned(), "CE",
                Filter.not(Filter.unassigned()), "ABDF",
                Filter.ownedBy(4), "");
    }

    @Test
    @DisplayName("IdIn matches exactly the listed ids; an empty set matches nothing")
    void idIn() {
        assertFilters(
                new Filter.IdIn(Set.of(id.get("A"), id.get("C"))), "AC",
                new Filter.IdIn(Set.of(id.get("B"), 987_654_321L)), "B",
                new Filter.IdIn(Set.of()), "",
                Filter.not(new Filter.IdIn(Set.of(id.get("A")))), "BCDEF");
    }

    @Test
    @DisplayName("And, Or and Not combine leaves with two-valued logic: Not(leaf) matches rows without a value")
    void booleanCombinations() {
        assertFilters(
                Filter.all(), "ABCDEF",
                Filter.not(Filter.eq(FIRST_NAME, "anna")), "BCDEF",
                Filter.not(Filter.not(Filter.eq(FIRST_NAME, "anna"))), "A",
                Filter.and(Filter.eq(STATUS, "subscribed"), Filter.contains(COMPANY, "acme")), "A",
                Filter.or(Filter.eq(FIRST_NAME, "anna"), Filter.eq(COMPANY, "Globex")), "AC",
                Filter.not(Filter.or(Filter.eq(FIRST_NAME, "anna"), Filter.eq(COMPANY, "Globex"))), "BDEF",
                Filter.not(Filter.and(Filter.eq(STATUS, "subscribed"), Filter.eq(FIRST_NAME, "anna"))), "BCDEF",
                Filter.not(Filter.ne(FIRST_NAME, "bob")), "BE",
                Filter.not(Filter.lt(DATE_OF_BIRTH, LocalDate.of(1990, 1, 1))), "BCDEF",
                Filter.or(Filter.isEmpty(FIRST_NAME), Filter.ownedBy(2)), "BE",
                Filter.and(new Filter.InScope(new ScopePredicate.Owned(1)), Filter.contains(COMPANY, "acme")),
                "AD",
                Filter.and(Filter.all(), Filter.not(Filter.all())), "");
        assumeType(FieldType.NUMBER);
        assertFilters(Filter.not(Filter.gt("score", BigDecimal.ZERO)), "BCE");
        assumeType(FieldType.CHECKBOX);
        assertFilters(
                Filter.not(Filter.and(Filter.eq("vip", true), Filter.gt("score", new BigDecimal("5")))), "BCDEF",
                Filter.or(Filter.eq("vip", true), Filter.gt("score", new BigDecimal("100"))), "ACD");
    }

    private void assertFilters(Object... filtersAndLabels) {
        assertSoftly(softly -> {
            for (int i = 0; i < filtersAndLabels.length; i += 2) {
                Filter filter = (Filter) filtersAndLabels[i];
                String labels = (String) filtersAndLabels[i + 1];
                List<Long> expected = new ArrayList<>();
                for (char label : labels.toCharArray()) {
                    expected.add(id.get(String.valueOf(label)));
                }
                softly.assertThat(labelsOf(ids(select(filter)))).as("%s", filter)
                        .isEqualTo(labelsOf(sorted(expected)));
            }
        });
    }

    private String labelsOf(List<Long> ids) {
        StringBuilder labels = new StringBuilder();
        for (Long contactId : ids) {
            String label = id.entrySet().stream().filter(e -> e.getValue().equals(contactId))
                    .map(Map.Entry::getKey).findFirst().orElse("?" + contactId);
            labels.append(label);
        }
        return labels.toString();
    }
}
