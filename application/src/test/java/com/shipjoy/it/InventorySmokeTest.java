package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;

class InventorySmokeTest {

    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem();
    static final Api api = system.api();

    @Test
    void receivedStockShowsInTheLevel() {
        api.post("warehouse", "/api/warehouses", """
                {"warehouseId":"WH1","name":"Main","locations":["A-01"]}""", HttpStatus.CREATED);
        long position = api.post("warehouse", "/api/warehouses/WH1/receipts", """
                {"reference":"PO-1","lines":[{"sku":"SKU-1","quantity":7,"location":"A-01"}]}""",
                HttpStatus.CREATED).position();
        JsonNode level = api.read("agent", "/api/inventory/SKU-1", position);
        assertThat(level.path("onHand").asLong()).isEqualTo(7);
    }
}
