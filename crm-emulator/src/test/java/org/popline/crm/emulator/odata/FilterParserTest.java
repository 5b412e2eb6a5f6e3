package org.popline.crm.emulator.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class FilterParserTest {

    private static final EntityType PEOPLE = new EntityType("people", "person", "personid", List.of(
            Column.of("personid", ColumnType.GUID),
            Column.of("name", ColumnType.STRING),
            Column.of("phone", ColumnType.STRING),
            Column.of("state", ColumnType.INTEGER),
            Column.of("createdon", ColumnType.DATETIME),
            Column.lookup("_owner_value", "person", "owner_person")));

    private static final String ID = "49b0be2e-d01c-ed11-b83e-000d3a572421";

    private static final EntityRecord OBRIEN = new EntityRecord(Map.of(
            "personid", ID, "name", "Siobhan O'Brien", "phone", "+49 30 1234567", "state", 0,
            "createdon", Instant.parse("2024-05-01T10:15:30Z"), "_owner_value", ID), 1);

    private static boolean matches(String filter) {
        Predicate<EntityRecord> predicate = RecordFilter.compile(FilterParser.parse(filter), PEOPLE);
        return predicate.test(OBRIEN);
    }

    @Test
    void parsesComparisonIntoTree() {
        assertEquals(new FilterExpression.Comparison("name", ComparisonOperator.EQ, Literal.string("x")),
                FilterParser.parse("name eq 'x'"));
    }

    @Test
    void andBindsTighterThanOr() {
        FilterExpression tree = FilterParser.parse("a eq 1 or b eq 2 and c eq 3");
        FilterExpression.Or or = (FilterExpression.Or) tree;
        assertTrue(or.right() instanceof FilterExpression.And);
    }

    @Test
    void parenthesesOverridePrecedence() {
        FilterExpression tree = FilterParser.parse("(a eq 1 or b eq 2) and c eq 3");
        FilterExpression.And and = (FilterExpression.And) tree;
        assertTrue(and.left() instanceof FilterExpression.Or);
    }

    @Test
    void doubledQuoteIsOneQuote() {
        FilterExpression tree = FilterParser.parse("name eq 'O''Brien'");
        assertEquals("O'Brien", ((FilterExpression.Comparison) tree).literal().value());
        assertTrue(matches("contains(name,'O''Brien')"));
    }

    @Test
    void literalsOfEveryKind() {
        assertEquals(Literal.Kind.GUID, literalOf("x eq " + ID).kind());
        assertEquals(new BigDecimal("-12.5"), literalOf("x eq -12.5").value());
        assertEquals(Instant.parse("2024-05-01T00:00:00Z"), literalOf("x gt 2024-05-01").value());
        assertEquals(Instant.parse("2024-05-01T08:15:30Z"), literalOf("x gt 2024-05-01T10:15:30+02:00").value());
        assertEquals(Literal.Kind.NULL, literalOf("x eq null").kind());
        assertEquals(Boolean.TRUE, literalOf("x eq true").value());
    }

    private static Literal literalOf(String filter) {
        return ((FilterExpression.Comparison) FilterParser.parse(filter)).literal();
    }

    @Test
    void literalOnTheLeftIsMirrored() {
        assertEquals(new FilterExpression.Comparison("state", ComparisonOperator.GT, Literal.number("5")),
                FilterParser.parse("5 lt state"));
    }

    @Test
    void equalityIsCaseInsensitive() {
        assertTrue(matches("name eq 'SIOBHAN o''brien'"));
        assertFalse(matches("name eq 'Siobhan'"));
        assertTrue(matches("name ne 'Siobhan'"));
    }

    @Test
    void stringFunctions() {
        assertTrue(matches("contains(phone,'30 123')"));
        assertTrue(matches("startswith(phone,'+49')"));
        assertTrue(matches("endswith(phone,'4567')"));
        assertFalse(matches("endswith(phone,'+49')"));
        assertTrue(matches("startswith(name,'siob')"));
    }

    @Test
    void logicalOperators() {
        assertTrue(matches("state eq 0 and contains(name,'Brien')"));
        assertTrue(matches("state eq 1 or contains(name,'Brien')"));
        assertFalse(matches("not (state eq 0)"));
        assertTrue(matches("not state eq 1 and (name eq 'x' or phone eq '+49 30 1234567')"));
    }

    @Test
    void guidsQuotedUnquotedAndAnyCase() {
        assertTrue(matches("_owner_value eq " + ID));
        assertTrue(matches("_owner_value eq '" + ID + "'"));
        assertTrue(matches("personid eq " + ID.toUpperCase()));
        assertFalse(matches("_owner_value eq 00000000-0000-0000-0000-000000000000"));
    }

    @Test
    void numbersAndDates() {
        assertTrue(matches("state lt 1"));
        assertFalse(matches("state ge 1"));
        assertTrue(matches("createdon gt 2024-01-01T00:00:00Z and createdon le 2024-05-01T10:15:30Z"));
    }

    @Test
    void nullComparisons() {
        EntityRecord noPhone = new EntityRecord(Map.of("personid", ID, "name", "x"), 1);
        Predicate<EntityRecord> isNull = RecordFilter.compile(FilterParser.parse("phone eq null"), PEOPLE);
        Predicate<EntityRecord> contains = RecordFilter.compile(FilterParser.parse("contains(phone,'1')"), PEOPLE);
        Predicate<EntityRecord> notEqual = RecordFilter.compile(FilterParser.parse("phone ne '1'"), PEOPLE);
        assertTrue(isNull.test(noPhone));
        assertFalse(isNull.test(OBRIEN));
        assertFalse(contains.test(noPhone));
        assertTrue(notEqual.test(noPhone));
    }

    @Test
    void unterminatedLiteralNamesItsPosition() {
        FilterSyntaxException e = assertThrows(FilterSyntaxException.class,
                () -> FilterParser.parse("name eq 'O'Brien'"));
        assertEquals("There is an unterminated literal at position 16 in 'name eq 'O'Brien''.", e.getMessage());
    }

    @Test
    void syntaxErrors() {
        for (String bad : List.of("", "name eq", "name 'x'", "(name eq 'x'", "name eq 'x')", "name like 'x'",
                "contains(name)", "contains(name,1)", "name eq 'x' and", "name eq 'x' eq 'y'", "name eq 'x' #")) {
            assertThrows(FilterSyntaxException.class, () -> FilterParser.parse(bad), bad);
        }
        assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("substringof(name,'x')"));
        assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("name eq phone"));
    }

    @Test
    void keywordsAreCaseSensitive() {
        assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("name EQ 'x'"));
    }

    @Test
    void unknownColumnIsRejectedWhenCompiling() {
        DataverseError e = assertThrows(DataverseError.class, () -> matches("Name eq 'x'"));
        assertEquals(400, e.status());
        assertEquals("Could not find a property named 'Name' on type 'Microsoft.Dynamics.CRM.person'.",
                e.getMessage());
    }

    @Test
    void incompatibleTypesAreRejected() {
        assertThrows(DataverseError.class, () -> matches("state eq 'zero'"));
        assertThrows(DataverseError.class, () -> matches("_owner_value eq 'not-a-guid'"));
        assertThrows(DataverseError.class, () -> matches("contains(state,'1')"));
    }
}
