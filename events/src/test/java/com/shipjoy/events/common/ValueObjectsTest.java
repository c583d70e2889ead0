package com.shipjoy.events.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectsTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** One kind of identifier: how to make it, its class, and the field its errors name. */
    record IdKind(Class<?> type, String field, Function<String, Object> create) {
        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    static final IdKind[] KINDS = {
            new IdKind(Sku.class, "sku", Sku::new),
            new IdKind(WarehouseId.class, "warehouseId", WarehouseId::new),
            new IdKind(Location.class, "location", Location::new),
            new IdKind(ReceiptId.class, "receiptId", ReceiptId::new),
            new IdKind(WorkerId.class, "workerId", WorkerId::new)};

    static final String[] VALID = {"A", "a-B_9.z", "...", "x".repeat(64)};
    static final String[] INVALID = {"x".repeat(65), "", "a$b", "$", "a/b", "/", "a b", " a", "a:b", "ä", "a\n"};

    static Stream<Arguments> each(String[] values) {
        return Arrays.stream(KINDS).flatMap(kind -> Arrays.stream(values).map(value -> Arguments.of(kind, value)));
    }

    static Stream<Arguments> validIds() {
        return each(VALID);
    }

    static Stream<Arguments> invalidIds() {
        return Stream.concat(each(INVALID), Arrays.stream(KINDS).map(kind -> Arguments.of(kind, null)));
    }

    static Stream<IdKind> kinds() {
        return Arrays.stream(KINDS);
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @MethodSource("validIds")
    void validIdIsAcceptedAndKeptAsIs(IdKind kind, String value) throws Exception {
        Object id = kind.create().apply(value);
        assertThat(id).hasToString(value).isEqualTo(kind.create().apply(value));
        assertThat(Code.isValid(value)).isTrue();
        // JSON: a plain string both ways
        assertThat(JSON.writeValueAsString(id)).isEqualTo(JSON.writeValueAsString(value));
        assertThat(JSON.readValue(JSON.writeValueAsString(value), kind.type())).isEqualTo(id);
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @MethodSource("invalidIds")
    void invalidIdIsRefusedNamingTheField(IdKind kind, String value) {
        assertThat(Code.isValid(value)).isFalse();
        assertThatThrownBy(() -> kind.create().apply(value))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo(kind.field()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void invalidIdInJsonIsRefused(IdKind kind) {
        assertThatThrownBy(() -> JSON.readValue("\"a/b\"", kind.type()))
                .isInstanceOf(ValueInstantiationException.class).hasRootCauseInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 999_999, Quantity.MAX})
    void quantityWithinBoundsIsAccepted(long value) throws Exception {
        Quantity quantity = Quantity.of(value);
        assertThat(quantity.value()).isEqualTo(value);
        assertThat(JSON.writeValueAsString(quantity)).isEqualTo(Long.toString(value));
        assertThat(JSON.readValue(Long.toString(value), Quantity.class)).isEqualTo(quantity);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Quantity.MAX + 1, Long.MIN_VALUE, Long.MAX_VALUE})
    void quantityOutOfBoundsIsRefused(long value) {
        assertThat(Quantity.MAX).isEqualTo(1_000_000);
        assertThatThrownBy(() -> Quantity.of(value))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("quantity"));
        assertThatThrownBy(() -> JSON.readValue(Long.toString(value), Quantity.class))
                .hasRootCauseInstanceOf(InvalidValueException.class);
    }

    @Test
    void mapperReadsConstructorParameterNamesLikeTheApplications() {
        assertThat(JSON.getRegisteredModuleIds()).contains("jackson-module-parameter-names");
    }

    @Test
    void outboundIsAValidLocation() {
        assertThat(Location.OUTBOUND).isEqualTo(new Location("OUTBOUND"));
    }

    @Test
    void rejectionsCarryTheirKindAndField() {
        assertThat(RejectedException.conflict("c").rejection())
                .isEqualTo(new Rejection(Rejection.Kind.CONFLICT, "c", null));
        assertThat(RejectedException.notFound("n").rejection())
                .isEqualTo(new Rejection(Rejection.Kind.NOT_FOUND, "n", null));
        RejectedException invalid = RejectedException.invalid("lines[0].location", "unknown");
        assertThat(invalid.rejection())
                .isEqualTo(new Rejection(Rejection.Kind.INVALID, "unknown", "lines[0].location"));
        assertThat(invalid).hasMessage("unknown");
    }
}
